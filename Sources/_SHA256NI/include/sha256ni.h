#ifndef ALLOCATE_SHA256NI_H
#define ALLOCATE_SHA256NI_H

#include <stddef.h>
#include <stdint.h>

/// Whether this processor has the SHA extensions (x86-64 SHA-NI, with SSE4.1); 0 elsewhere.
int allocate_sha256_ni_available(void);

/// SHA-256's compression of `blocks` 64-byte blocks from `data` into `state` (the eight working
/// words a..h) with the SHA extensions. Only to be called when `allocate_sha256_ni_available()`.
void allocate_sha256_ni_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
