#!/usr/bin/python3
"""Downloads the public corpus (manifest.json) into corpus-public/src/, each
file from its repository at the recorded commit, and checks its sha256.
The files are third-party code under their own licences and are not
committed to this repository."""
import hashlib
import json
import os
import sys
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    dest = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "src")
    with open(os.path.join(HERE, "manifest.json")) as f:
        man = json.load(f)
    bad = 0
    for key, meta in man["files"].items():
        out = os.path.join(dest, key)
        url = "https://raw.githubusercontent.com/%s/%s/%s" % (
            meta["repo"], meta["commit"], meta["path"])
        try:
            with urllib.request.urlopen(url, timeout=30) as r:
                data = r.read()
        except OSError as e:
            print("fetch.py: %s: %s" % (url, e), file=sys.stderr)
            bad += 1
            continue
        if hashlib.sha256(data).hexdigest() != meta["sha256"]:
            print("fetch.py: %s: sha256 differs from the manifest" % key,
                  file=sys.stderr)
            bad += 1
            continue
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "wb") as f:
            f.write(data)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
