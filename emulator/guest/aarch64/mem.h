/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mem.h — guest memory access. Guest memory is identity mapped: a guest virtual address is the
 * host address once the top byte (bits 63..56, ignored as Linux arm64 does) is cleared. A fault
 * on these accesses is a host SIGSEGV/SIGBUS taken while c->pc holds the faulting instruction.
 */
#ifndef XARCH_MEM_H
#define XARCH_MEM_H

#include <stdint.h>
#include <string.h>

static inline void *gptr(uint64_t a) { return (void *)(uintptr_t)(a & 0x00ffffffffffffffull); }

static inline uint8_t ld8(uint64_t a) { return *(volatile uint8_t *)gptr(a); }
static inline uint16_t ld16(uint64_t a) { uint16_t v; memcpy(&v, gptr(a), 2); return v; }
static inline uint32_t ld32(uint64_t a) { uint32_t v; memcpy(&v, gptr(a), 4); return v; }
static inline uint64_t ld64(uint64_t a) { uint64_t v; memcpy(&v, gptr(a), 8); return v; }
static inline void st8(uint64_t a, uint8_t v) { *(volatile uint8_t *)gptr(a) = v; }
static inline void st16(uint64_t a, uint16_t v) { memcpy(gptr(a), &v, 2); }
static inline void st32(uint64_t a, uint32_t v) { memcpy(gptr(a), &v, 4); }
static inline void st64(uint64_t a, uint64_t v) { memcpy(gptr(a), &v, 8); }

/* Load/store of 1 << sz bytes (sz 0..3), zero-extended. */
static inline uint64_t ldn(uint64_t a, int sz)
{
	switch (sz) {
	case 0: return ld8(a);
	case 1: return ld16(a);
	case 2: return ld32(a);
	default: return ld64(a);
	}
}

static inline void stn(uint64_t a, int sz, uint64_t v)
{
	switch (sz) {
	case 0: st8(a, (uint8_t)v); break;
	case 1: st16(a, (uint16_t)v); break;
	case 2: st32(a, (uint32_t)v); break;
	default: st64(a, v); break;
	}
}

#endif /* XARCH_MEM_H */
