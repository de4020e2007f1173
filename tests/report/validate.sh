#!/bin/sh
# validate.sh SCHEMA FILE... - check each FILE against the JSON Schema with
# Debian's python3-jsonschema, and that each is strict UTF-8.  Exit 77
# (skipped) when python3 or its jsonschema module is missing.
py=/usr/bin/python3
if [ ! -x "$py" ] || ! "$py" -c 'import jsonschema' 2>/dev/null; then
    echo "SKIP: /usr/bin/python3 with jsonschema not found (apt-get install python3-jsonschema)"
    exit 77
fi
exec "$py" "$(dirname "$0")/validate_schema.py" "$@"
