#!/usr/bin/env python3
"""validate_json.py SCHEMA [JSON]: check a document (stdin by default)
against the JSON Schema subset doc/nocsr-check.schema.json uses (type,
enum, required, properties, items, minimum, pattern), and that the document
has no key the schema does not describe. Prints the first mismatch, exit 1."""
import json
import re
import sys

TYPES = {"object": dict, "array": list, "string": str, "boolean": bool,
         "null": type(None)}


def type_ok(value, name):
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, TYPES[name])


def check(value, schema, path):
    types = schema.get("type")
    if types is not None:
        names = types if isinstance(types, list) else [types]
        if not any(type_ok(value, n) for n in names):
            raise ValueError("%s: %r is not %s" % (path, value, types))
    if "enum" in schema and value not in schema["enum"]:
        raise ValueError("%s: %r not in %s" % (path, value, schema["enum"]))
    if "minimum" in schema and value < schema["minimum"]:
        raise ValueError("%s: %r < %s" % (path, value, schema["minimum"]))
    if "pattern" in schema and not re.search(schema["pattern"], value):
        raise ValueError("%s: %r does not match %s"
                         % (path, value, schema["pattern"]))
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                raise ValueError("%s: required key %r missing" % (path, key))
        for key, item in value.items():
            if key not in props:
                raise ValueError("%s: key %r is not in the schema"
                                 % (path, key))
            check(item, props[key], path + "." + key)
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            check(item, schema["items"], "%s[%d]" % (path, i))


schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]) if len(sys.argv) > 2 else sys.stdin)
try:
    check(doc, schema, "$")
except ValueError as e:
    print("schema mismatch: %s" % e)
    sys.exit(1)
print("valid")
