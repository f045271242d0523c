/* SPDX-License-Identifier: MIT */
/* Entries in flight under a cap (table.h). */
#include "table.h"

#include <stdlib.h>
#include <string.h>

#define NODE(t, i) ((struct tab_node *)(void *)((t)->pool + (size_t)(i) * (t)->esize))

static uint32_t index_of(const struct table *t, const void *e)
{
    return (uint32_t)((size_t)((const unsigned char *)e - t->pool) / t->esize);
}

/* heads[] holds an entry's index + 1 (0: none), so that calloc's zero
 * pages need no writing; entries past t->used have never been touched, so
 * the memory a table really takes grows with what is in flight. The index
 * starts small and doubles as entries come (at most one head per entry
 * allowed in), so that a lookup's random read stays within what is in
 * flight rather than the cap: its cache lines and pages stay warm. */
#define TAB_HEADS_MIN 1024

int tab_init(struct table *t, size_t cap, size_t esize)
{
    size_t nb = 16;

    memset(t, 0, sizeof *t);
    if (cap < 1)
        cap = 1;
    if (cap >= TAB_NIL)
        cap = TAB_NIL - 1;
    while (nb < cap && nb < TAB_HEADS_MIN)
        nb *= 2;
    t->pool = calloc(cap, esize);
    t->heads = calloc(nb, sizeof *t->heads);
    if (!t->pool || !t->heads) {
        tab_free(t);
        return -1;
    }
    t->esize = esize;
    t->cap = cap;
    t->mask = nb - 1;
    t->free_list = TAB_NIL;
    t->first[0] = t->first[1] = t->last[0] = t->last[1] = TAB_NIL;
    return 0;
}

void tab_free(struct table *t)
{
    free(t->pool);
    free(t->heads);
    memset(t, 0, sizeof *t);
}

/* The index size the table can reach at its cap. */
static size_t heads_max(const struct table *t)
{
    size_t nb = t->mask + 1;

    while (nb < t->cap)
        nb *= 2;
    return nb;
}

size_t tab_bytes(const struct table *t)
{
    return t->cap * t->esize + heads_max(t) * sizeof *t->heads;
}

/* Doubles the index and links every entry in flight (both lists) again.
 * Without the memory the index stays as it is: longer chains, same
 * answers. */
static void grow_heads(struct table *t)
{
    size_t nb = (t->mask + 1) * 2;
    uint32_t *heads = calloc(nb, sizeof *heads), i;
    int list;

    if (!heads)
        return;
    free(t->heads);
    t->heads = heads;
    t->mask = nb - 1;
    for (list = 0; list < 2; list++)
        for (i = t->first[list]; i != TAB_NIL; i = NODE(t, i)->next) {
            struct tab_node *nd = NODE(t, i);
            nd->hnext = heads[nd->key & t->mask] - 1;
            heads[nd->key & t->mask] = i + 1;
        }
}

static uint64_t mix(uint64_t h, uint64_t w)
{
    h = (h ^ w) * 0x9e3779b97f4a7c15u;
    return h ^ (h >> 29);
}

static uint64_t load(const unsigned char *s, size_t n)
{
    uint64_t w = 0;
    uint32_t v;

    if (n == 8) {
        memcpy(&w, s, 8);
    } else {
        memcpy(&v, s, 4);
        w = v;
    }
    return w;
}

uint64_t tab_hash(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t w, len = n;

    /* Whole words, then the last bytes as one word: read with overlap
     * when there are 4 or more, so no byte loop. */
    if (n >= 8) {
        for (; n > 8; s += 8, n -= 8)
            h = mix(h, load(s, 8));
        w = load(s + n - 8, 8);
    } else if (n >= 4) {
        w = load(s, 4) << 32 | load(s + n - 4, 4);
    } else if (n) {
        w = (uint64_t)s[0] << 16 | (uint64_t)s[n / 2] << 8 | s[n - 1];
    } else {
        w = 0;
    }
    /* The length keeps "ab" then "c" apart from "a" then "bc". */
    h = mix(h ^ len * 0xa0761d6478bd642fu, w);
    h = (h ^ (h >> 32)) * 0xd6e8feb86659fd93u;
    return h ^ (h >> 32);
}

void *tab_find(struct table *t, uint64_t key)
{
    uint32_t i;

    for (i = t->heads[key & t->mask] - 1; i != TAB_NIL; i = NODE(t, i)->hnext)
        if (NODE(t, i)->key == key)
            return NODE(t, i);
    return NULL;
}

static void unlink_list(struct table *t, struct tab_node *nd)
{
    if (nd->prev != TAB_NIL)
        NODE(t, nd->prev)->next = nd->next;
    else
        t->first[nd->list] = nd->next;
    if (nd->next != TAB_NIL)
        NODE(t, nd->next)->prev = nd->prev;
    else
        t->last[nd->list] = nd->prev;
}

static void link_front(struct table *t, struct tab_node *nd, uint32_t i, int list)
{
    nd->list = (uint8_t)list;
    nd->prev = TAB_NIL;
    nd->next = t->first[list];
    if (nd->next != TAB_NIL)
        NODE(t, nd->next)->prev = i;
    else
        t->last[list] = i;
    t->first[list] = i;
}

void *tab_insert(struct table *t, uint64_t key, int list)
{
    uint32_t i = t->free_list;
    struct tab_node *nd;

    if (i != TAB_NIL)
        t->free_list = NODE(t, i)->hnext;
    else if (t->used < t->cap)
        i = (uint32_t)t->used++;
    else
        return NULL;
    if (t->n + 1 > t->mask + 1 && t->mask + 1 < t->cap)
        grow_heads(t);
    nd = NODE(t, i);
    memset(nd, 0, t->esize);
    nd->key = key;
    nd->hnext = t->heads[key & t->mask] - 1;
    t->heads[key & t->mask] = i + 1;
    link_front(t, nd, i, list);
    t->n++;
    return nd;
}

void tab_remove(struct table *t, void *entry)
{
    struct tab_node *nd = entry;
    uint32_t i = index_of(t, entry), *p = &t->heads[nd->key & t->mask];

    if (*p == i + 1) {
        *p = nd->hnext + 1; /* TAB_NIL + 1 wraps to 0: none */
    } else {
        p = &NODE(t, *p - 1)->hnext;
        while (*p != i)
            p = &NODE(t, *p)->hnext;
        *p = nd->hnext;
    }
    unlink_list(t, nd);
    nd->hnext = t->free_list;
    t->free_list = i;
    t->n--;
}

void tab_touch(struct table *t, void *entry, int list)
{
    struct tab_node *nd = entry;

    unlink_list(t, nd);
    link_front(t, nd, index_of(t, entry), list);
}

void *tab_oldest(struct table *t, int list)
{
    return t->last[list] == TAB_NIL ? NULL : NODE(t, t->last[list]);
}
