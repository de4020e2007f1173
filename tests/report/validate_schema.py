"""validate_schema.py SCHEMA FILE... - validate report files against a JSON Schema.

Each FILE must decode as strict UTF-8, parse as JSON and validate; the
validator class follows the schema's $schema (draft-04 for SARIF 2.1.0,
draft-07 for docs/json-report.schema.json).  Exit 0 when all pass, 1 otherwise."""
import json
import sys

import jsonschema


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)
    bad = 0
    for path in argv[2:]:
        try:
            with open(path, "rb") as f:
                text = f.read().decode("utf-8", errors="strict")
            doc = json.loads(text)
        except (OSError, UnicodeDecodeError, ValueError) as e:
            print(f"{path}: cannot read as UTF-8 JSON: {e}")
            bad += 1
            continue
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        for e in errors[:20]:
            where = "/".join(str(p) for p in e.absolute_path)
            print(f"{path}: /{where}: {e.message}")
        if errors:
            bad += 1
        else:
            print(f"{path}: valid against {argv[1]}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
