#ifndef ALLOCATE_CFORMAT_H
#define ALLOCATE_CFORMAT_H

#include <stddef.h>

/// snprintf(buffer, size, "%.*f", places, value): C's fixed-point formatter without a
/// variadic call from Swift (Swift's CVarArg boxing costs four searches of the binary's
/// protocol conformance records the first time, about 2 million instructions; issue 18).
int allocate_fixed_point(char *buffer, size_t size, int places, double value);

#endif
