"""The village export catalog generator: YAML catalog in, multilingual static site out."""
