#ifndef DRVCHECK_VERSION_H
#define DRVCHECK_VERSION_H
#define DRVCHECK_NAME "drvcheck"
#define DRVCHECK_VERSION "0.1.0"
#define DRVCHECK_URI "https://github.com/drvcheck/drvcheck"
#endif
