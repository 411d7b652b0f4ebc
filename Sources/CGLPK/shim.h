// GLPK ships no pkg-config file on Debian; the header lives in /usr/include.
#include <glpk.h>
