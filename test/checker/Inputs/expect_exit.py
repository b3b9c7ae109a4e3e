#!/usr/bin/env python3
"""expect_exit.py CODE CMD...: run CMD, succeed iff it exits with CODE."""
import subprocess
import sys

rc = subprocess.call(sys.argv[2:])
if rc != int(sys.argv[1]):
    sys.stderr.write("expect_exit: exit status %d, expected %s\n" %
                     (rc, sys.argv[1]))
    sys.exit(1)
