/* argdefs.c - whether compiler arguments define a macro (front.h), for the
 * default build defines (parse.c) and the conditions prefix.c decides. */
#include <string.h>

#include "drvcheck/front.h"

/* Does an argument list define or undefine NAME (-DNAME, -D NAME, /DNAME, -UNAME)? */
int front_args_define(const char *const *v, int n, const char *name)
{
    size_t l = strlen(name);
    for (int i = 0; i < n; i++) {
        const char *s = v[i];
        if ((s[0] == '-' || s[0] == '/') && (s[1] == 'D' || s[1] == 'U')) {
            const char *m = s[2] ? s + 2 : (i + 1 < n ? v[i + 1] : "");
            if (strncmp(m, name, l) == 0 && (m[l] == 0 || m[l] == '='))
                return 1;
        }
    }
    return 0;
}
