/* SPDX-License-Identifier: MIT */
/* A fixed-capacity table of entries in flight (transactions, calls): a hash
 * index over a pool allocated once, and up to two lists in order of last
 * use, so that the oldest entry of a list is found in O(1) to expire it or
 * to evict it when the table is full. Keys are 64-bit hashes of what
 * identifies an entry; the caller treats equal hashes as equal keys. */
#ifndef SIPCODE_TABLE_H
#define SIPCODE_TABLE_H

#include <stddef.h>
#include <stdint.h>

#define TAB_NIL UINT32_MAX

/* The first member of every entry. */
struct tab_node {
    uint64_t key;
    int64_t deadline; /* us; the owner's meaning */
    uint32_t hnext, prev, next;
    uint8_t list;
};

struct table {
    unsigned char *pool;
    uint32_t *heads;
    size_t esize, cap, n, mask, used;
    uint32_t free_list;
    uint32_t first[2], last[2]; /* per list: most and least recently used */
};

/* 0, or -1 when out of memory. esize is the size of the entry type, whose
 * first member is a struct tab_node. */
int tab_init(struct table *t, size_t cap, size_t esize);
void tab_free(struct table *t);
size_t tab_bytes(const struct table *t); /* memory the table can take at its cap */

/* A 64-bit hash of n bytes at p, continuing h (start with TAB_HASH_INIT):
 * eight bytes a step, each bit of the input reaching the low bits that
 * index the tables. Chained calls hash the concatenation of their parts
 * with the boundaries between them. */
uint64_t tab_hash(uint64_t h, const void *p, size_t n);
#define TAB_HASH_INIT 0x6a09e667f3bcc908u

void *tab_find(struct table *t, uint64_t key);
/* A zeroed entry for key at the front of list, or NULL when the table is full. */
void *tab_insert(struct table *t, uint64_t key, int list);
void tab_remove(struct table *t, void *entry);
/* Moves the entry to the front of list. */
void tab_touch(struct table *t, void *entry, int list);
/* The least recently used entry of list, or NULL. */
void *tab_oldest(struct table *t, int list);

#endif
