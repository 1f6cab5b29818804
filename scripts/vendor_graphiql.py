"""Reproduce GraphiQL's vendored browser assets from the npm registry and check every hash.

    python scripts/vendor_graphiql.py           write gql/graphiql/static/<package>@<version>/...
    python scripts/vendor_graphiql.py --check   compare the committed files with npm's (writes nothing)

gql/graphiql/vendor.json pins each package by version and by its tarball's sha512, and each
file by its sha384 (the SRI value the page carries). `npm pack` fetches the tarballs into a
temporary directory; nothing is installed and no package script runs. To move to other
versions, edit the manifest (versions, tarball hashes from `npm view <pkg>@<v> dist.integrity`,
file hashes printed by a failing run), run this script, and check the page in a browser
(tests/browser).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "gql" / "graphiql" / "vendor.json"
STATIC = ROOT / "gql" / "graphiql" / "static"


def sri(algorithm: str, data: bytes) -> str:
    return f"{algorithm}-{base64.b64encode(hashlib.new(algorithm, data).digest()).decode()}"


def fetch_tarballs(specs: dict[str, str], into: Path) -> dict[str, Path]:
    """`npm pack` every package spec; each tarball is checked against its pinned sha512."""
    command = ["npm", "pack", "--json", "--ignore-scripts", "--pack-destination", str(into), *specs]
    packed = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
    tarballs: dict[str, Path] = {}
    for spec, entry in zip(specs, packed, strict=True):
        path = into / entry["filename"]
        actual = sri("sha512", path.read_bytes())
        if actual != specs[spec]:
            sys.exit(f"{spec}: the tarball's sha512 is {actual}, the manifest pins {specs[spec]}")
        tarballs[spec] = path
    return tarballs


def member_bytes(tarball: Path, member: str) -> bytes:
    with tarfile.open(tarball, "r:gz") as archive:
        extracted = archive.extractfile(f"package/{member}")
        if extracted is None:
            sys.exit(f"{tarball.name}: package/{member} is not a file")
        return extracted.read()


def vendored_files() -> set[str]:
    """Every committed file of the package folders (`name@version`), relative to static/."""
    return {
        str(path.relative_to(STATIC))
        for folder in STATIC.iterdir()
        if folder.is_dir() and "@" in folder.name
        for path in folder.rglob("*")
        if path.is_file()
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="compare only; write nothing")
    args = parser.parse_args()
    manifest: dict[str, Any] = json.loads(MANIFEST.read_text())
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        tarballs = fetch_tarballs(manifest["tarballs"], Path(tmp))
        for entry in manifest["files"]:
            data = member_bytes(tarballs[entry["from"]], entry["member"])
            actual = sri("sha384", data)
            target = STATIC / entry["path"]
            if actual != entry["integrity"]:
                problems.append(f"{entry['path']}: npm has {actual}, the manifest pins {entry['integrity']}")
            elif args.check:
                if not target.is_file() or target.read_bytes() != data:
                    problems.append(f"{entry['path']}: the committed file differs from npm's")
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
    strays = vendored_files() - {entry["path"] for entry in manifest["files"]}
    problems.extend(f"{path}: not in the manifest" for path in sorted(strays))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    verb = "match" if args.check else "written; they match"
    print(f"{len(manifest['files'])} files {verb} npm's tarballs and the manifest's hashes.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
