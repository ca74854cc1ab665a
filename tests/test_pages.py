"""Links between pages of one language."""

from __future__ import annotations

import itertools
from urllib.parse import urljoin

from generator.pages import relative_url

URLS = ["", "products/", "products/kelor-powder/", "products/kelor-leaf/", "categories/moringa/", "bumdes/bumdes-maju/",
        "regions/", "regions/sulawesi-tengah/", "regions/sulawesi-tengah/sigi/", "regions/sulawesi-tengah/palu/", "about/"]


def test_every_relative_link_resolves_to_its_target_page():
    base = "https://example.org/catalog/en/"
    for source, target in itertools.product(URLS, URLS):
        link = relative_url(source, target)
        assert not link.startswith("/"), link
        assert urljoin(base + source, link) == base + target, (source, target, link)


def test_links_are_as_short_as_the_folders_allow():
    assert relative_url("products/kelor-powder/", "products/kelor-leaf/") == "../kelor-leaf/"
    assert relative_url("products/kelor-powder/", "") == "../../"
    assert relative_url("", "regions/sulawesi-tengah/") == "regions/sulawesi-tengah/"
    assert relative_url("about/", "about/") == "./"
