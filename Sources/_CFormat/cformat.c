#include "cformat.h"
#include <stdio.h>

int allocate_fixed_point(char *buffer, size_t size, int places, double value) {
    return snprintf(buffer, size, "%.*f", places, value);
}
