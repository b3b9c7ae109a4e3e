#!/usr/bin/env python3
"""check_man_page.py TOOL PAGE: fail when TOOL has an option (as its
--help-list lists it) that its man page PAGE (roff) does not mention, or
when PAGE lacks one of the sections every page of the project has."""
import re
import subprocess
import sys

tool, page = sys.argv[1], sys.argv[2]
# Without font changes (\fB, \fI, \fR, \fP), as a reader sees the words.
text = re.sub(r"\\f[BIRP]", "", open(page).read())
listing = subprocess.run([tool, "--help-list"], capture_output=True,
                         text=True, check=True).stdout
options = re.findall(r"^  (--?[A-Za-z][\w-]*)", listing, re.M)
# LLVM's own listing options are not the tool's.
options = [o for o in options if o not in ("--help-list", "--help-hidden",
                                           "--help-list-hidden")]
missing = []
for opt in options:
    roff = re.escape(opt.replace("-", "\\-"))
    # Not as the tail of a longer option (\-i in \-\-ignore, \-o in \-\-out).
    if not re.search(r"(?<![-\w\\])" + roff + r"(?![\w]|\\-)", text):
        missing.append(opt)
sections = ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS",
            "EXAMPLES", "SEE ALSO"]
absent = [s for s in sections
          if not re.search(r'^\.SH "?%s"?$' % s, text, re.M)]
if missing or absent or not options:
    print("%s: options not in %s: %s; sections missing: %s"
          % (tool, page, " ".join(missing) or "none",
             ", ".join(absent) or "none"))
    sys.exit(1)
print("%s: %d options, all in the page" % (tool.rsplit("/", 1)[-1],
                                           len(options)))
