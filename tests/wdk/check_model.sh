#!/bin/sh
# check_model.sh - consistency checks of the bundled WDK model (rules/wdk) that need no compiler:
#   1. tests/wdk/all_headers.c includes every model header (and those of ndis/);
#   2. every role typedef of include/drvcheck/roles.def is declared as a function typedef
#      ("typedef RET (NAME)(...)" or "typedef OTHER (NAME);") and every characteristics field
#      it names is a member spelled exactly so in the model.
# usage: check_model.sh SOURCE_DIR
set -u
src=${1:?usage: check_model.sh SOURCE_DIR}
wdk=$src/rules/wdk
fail=0
for h in "$wdk"/*.h "$wdk"/ndis/*.h; do
    name=${h#"$wdk"/}
    if ! grep -q "#include <$name>" "$src/tests/wdk/all_headers.c"; then
        echo "all_headers.c does not include $name"
        fail=1
    fi
done
roles=$(sed -n 's/^X([A-Z_]*, *"\([A-Z_0-9]*\)", *"\([A-Za-z]*\)".*/\1:\2/p' "$src/include/drvcheck/roles.def")
[ -n "$roles" ] || { echo "no roles read from roles.def"; exit 1; }
for r in $roles; do
    typ=${r%%:*}
    field=${r#*:}
    if ! cat "$wdk"/*.h "$wdk"/ndis/*.h | grep -Eq "^typedef [A-Za-z_ ]*\($typ\)[(;]"; then
        echo "role typedef $typ is not declared as a function typedef"
        fail=1
    fi
    if [ -n "$field" ] && ! cat "$wdk"/*.h "$wdk"/ndis/*.h | grep -Eq "^ +[A-Z_]+ $field;"; then
        echo "characteristics field $field (role $typ) is not in the model"
        fail=1
    fi
done
[ $fail -eq 0 ] && echo "WDK model: headers listed, $(echo "$roles" | wc -w) roles and fields found"
exit $fail
