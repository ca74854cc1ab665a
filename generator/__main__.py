"""Command line: parse arguments, call one function, print issues, set the exit code."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from generator.check import check_catalog, contributor_language
from generator.issues import format_report, has_errors, pick_language
from generator.progress import Progress


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m generator``."""
    # The common options work before or after the command (`--lang en check` and `check --lang en`).
    common = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument("--root", type=Path, help="catalog folder (default: current folder)")
    common.add_argument("--lang", choices=["id", "en"], help="language of messages (default: locale, then site_config.yml)")
    common.add_argument("--strict", action="store_true", help="treat warnings as errors")
    common.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)
    parser = argparse.ArgumentParser(prog="python -m generator", description="Village export catalog generator",
                                     parents=[common])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate the catalog only", parents=[common])
    build_cmd = commands.add_parser("build", help="validate and build the site into site/", parents=[common])
    build_cmd.add_argument("--out", type=Path, default=None, help="output folder (default: <root>/site)")
    build_cmd.add_argument("--bumdes", default=None, help="build only this BUMDes (fast preview)")
    serve_cmd = commands.add_parser("serve", help="build, then preview with live reload", parents=[common])
    serve_cmd.add_argument("--bumdes", default=None, help="preview only this BUMDes")
    serve_cmd.add_argument("--port", type=int, default=8000)
    new_cmd = commands.add_parser("new", help="scaffold a product file for a BUMDes", parents=[common])
    new_cmd.add_argument("bumdes", help="BUMDes id (its folder under products/)")
    new_cmd.add_argument("product", help="new product id, kebab-case (e.g. kelor-leaf-powder)")
    commands.add_parser("schemas", help="write the JSON Schemas into schemas/", parents=[common])
    commands.add_parser("translations", help="report missing and stale translations", parents=[common])
    report_cmd = commands.add_parser("report", help="Markdown list of expired and expiring certificates and stale facts",
                                     parents=[common])
    report_cmd.add_argument("--output", type=Path, default=None, help="write it into this file (default: print it)")
    publish_cmd = commands.add_parser("publish", help="upload the built site to object storage with rclone", parents=[common])
    publish_cmd.add_argument("--dest", default="", help="<remote>:<bucket/path>, the remote set by RCLONE_CONFIG_<REMOTE>_* variables")
    publish_cmd.add_argument("--site", type=Path, default=None, help="the built site (default: <root>/site)")
    publish_cmd.add_argument("--all", action="store_true", help="upload unchanged files too (after a change to the headers)")
    publish_cmd.add_argument("--dry-run", action="store_true", help="print what would be uploaded and deleted, change nothing")
    intake_cmd = commands.add_parser("intake", help="turn a submitted issue form into catalog files, checked",
                                     parents=[common])
    intake_cmd.add_argument("--form", choices=["product", "bumdes"], required=True, help="which issue form it is")
    intake_cmd.add_argument("--body", type=Path, required=True, help="a file holding the issue's body")
    intake_cmd.add_argument("--issue", type=int, required=True, help="the issue's number")
    intake_cmd.add_argument("--out", type=Path, required=True, help="where the reply and the pull request's files go")
    strip_cmd = commands.add_parser("strip-location", help="remove location and other metadata from photos, in place",
                                    parents=[common])
    strip_cmd.add_argument("files", nargs="+", type=Path, help="JPEG, PNG or WebP photos")
    strip_cmd.add_argument("--check", action="store_true", help="only report photos that say where they were taken")
    preview_cmd = commands.add_parser("preview", help="copy the built site so that it works opened from disk; list the changed pages",
                                      parents=[common])
    preview_cmd.add_argument("--site", type=Path, default=None, help="the built site (default: <root>/site)")
    preview_cmd.add_argument("--out", type=Path, required=True, help="where the preview goes (replaced whole)")
    preview_cmd.add_argument("--before", type=Path, default=None, help="the site built from the base branch, to compare")
    preview_cmd.add_argument("--summary", type=Path, default=None, help="append the summary (Markdown) to this file "
                             "(GitHub's $GITHUB_STEP_SUMMARY; default: print it)")
    args = parser.parse_args(argv)

    root = getattr(args, "root", Path(".")).resolve()
    today = getattr(args, "today", None) or dt.date.today()
    strict = getattr(args, "strict", False)
    lang = pick_language(getattr(args, "lang", None), contributor_language(root))

    if args.command != "check":
        from generator import build  # pages, photos and MkDocs: loaded only when something is made
    if args.command == "check":
        issues = check_catalog(root, today=today).issues
    elif args.command == "build":
        issues = build.build_site(root, out=args.out, today=today, only_bumdes=args.bumdes, strict=strict, lang=lang,
                                  progress=Progress(sys.stderr, "build"))
    elif args.command == "serve":
        from generator.serve import serve  # the live-reload server is loaded only to serve

        return serve(root, today=today, only_bumdes=args.bumdes, port=args.port, lang=lang)
    elif args.command == "new":
        issues = build.new_product(root, args.bumdes, args.product, today=today)
        if not has_errors(issues):
            # What to fill next, line by line; no "no problems" line under a list of places still to fill.
            for issue in sorted(issues):
                print(issue.format(lang))
            return 0
    elif args.command == "report":
        text = build.report_facts(root, today=today)
        if args.output is None:
            print(text, end="")
        else:
            args.output.write_text(text, encoding="utf-8")
        return 0
    elif args.command == "schemas":
        issues = build.write_schemas(root)
    elif args.command == "publish":
        return build.publish_site(root, dest=args.dest, site=args.site, everything=args.all, dry_run=args.dry_run)
    elif args.command == "intake":
        from generator.intake import run_intake

        for line in format_report(run_intake(root, args.form, args.body, issue=args.issue, out=args.out, today=today), lang):
            print(line)
        return 0  # problems in the answers are the outcome, written for the reply; not a failure of the run
    elif args.command == "preview":
        summary = build.make_preview(root, site=args.site, out=args.out, before=args.before)
        if args.summary is None:
            print(summary, end="")
        else:
            with args.summary.open("a", encoding="utf-8") as handle:
                handle.write(summary)
        return 0
    elif args.command == "strip-location":
        from generator.metadata import strip_location_files

        issues = strip_location_files(args.files, check_only=args.check)
    else:
        for line in build.report_translations(root, lang):
            print(line)
        return 0
    for line in format_report(issues, lang):
        print(line)
    return 1 if has_errors(issues, strict=strict) else 0


if __name__ == "__main__":
    sys.exit(main())
