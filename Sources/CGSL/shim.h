// The C side of EstateSim: GSL's headers; static inline accessors for the generator-type globals
// (`gsl_rng_mt19937` and the like), which Swift 6 rejects as shared mutable state; the alias-table
// draw loops of the engine's hot path; and full-width seeding of the generators' state.
#ifndef ESTATESIM_CGSL_SHIM_H
#define ESTATESIM_CGSL_SHIM_H

#include <stdint.h>
#include <stddef.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_version.h>

static inline const gsl_rng_type *estatesim_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_rng_type *estatesim_rng_taus2(void) { return gsl_rng_taus2; }
static inline const gsl_rng_type *estatesim_rng_ranlxd2(void) { return gsl_rng_ranlxd2; }
static inline const gsl_rng_type *estatesim_rng_gfsr4(void) { return gsl_rng_gfsr4; }
static inline const char *estatesim_gsl_version(void) { return gsl_version; }

// ---------------------------------------------------------------------------------------------
// Full-width seeding. `gsl_rng_set` takes an `unsigned long` but mt19937, taus2, ranlxd2 and gfsr4
// all keep at most 32 bits of it, so 1,000 replications x ~20 streams would share a seed by the
// birthday bound. These helpers write a generator's state directly from 128 bits of seed material
// (`a`, `b`): EstateRandom passes the mixed 64-bit stream seed as `a` and the replication index as
// `b`. Each one is called after `gsl_rng_set` (which sets the bookkeeping fields: indices, luxury,
// carry) and overwrites only the words that hold the generator's entropy. The state layouts are
// GSL's own (rng/mt.c, rng/taus.c, rng/ranlxd.c, rng/gfsr4.c); each helper checks gsl_rng_size()
// against the layout and returns -1 without touching anything if it does not match.

/// splitmix64 step: fills the words no seed bit is assigned to.
static inline uint64_t estatesim_splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

typedef struct { unsigned long mt[624]; int mti; } estatesim_mt19937_state;

/// mt19937: Matsumoto & Nishimura's init_by_array (2002) over the key {lo a, hi a, lo b, hi b}.
/// The map from the 4-word key to the 19,968-bit state is injective (mt[1..4] after the first
/// pass determine the key word by word, and the second pass is invertible), so distinct (a, b)
/// give distinct streams.
static inline int estatesim_seed_mt19937(gsl_rng *r, uint64_t a, uint64_t b) {
    if (gsl_rng_size(r) != sizeof(estatesim_mt19937_state)) return -1;
    estatesim_mt19937_state *state = (estatesim_mt19937_state *)gsl_rng_state(r);
    const uint32_t key[4] = {(uint32_t)a, (uint32_t)(a >> 32), (uint32_t)b, (uint32_t)(b >> 32)};
    uint32_t mt[624];
    mt[0] = 19650218u;
    for (int i = 1; i < 624; i++) mt[i] = 1812433253u * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint32_t)i;
    int i = 1, j = 0;
    for (int k = 624; k > 0; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint32_t)j;
        i++; j++;
        if (i >= 624) { mt[0] = mt[623]; i = 1; }
        if (j >= 4) j = 0;
    }
    for (int k = 623; k > 0; k--) {
        mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941u)) - (uint32_t)i;
        i++;
        if (i >= 624) { mt[0] = mt[623]; i = 1; }
    }
    mt[0] = 0x80000000u;  // non-zero initial state
    for (int n = 0; n < 624; n++) state->mt[n] = mt[n];
    state->mti = 624;
    return 0;
}

typedef struct { unsigned long s1, s2, s3; } estatesim_taus_state;

/// taus2: L'Ecuyer's three Tausworthe components hold 31 + 29 + 28 = 88 effective bits (the low
/// 1, 3 and 4 bits of s1, s2, s3 never feed back). All 64 bits of `a` and the low 21 bits of `b`
/// are placed injectively; a constant bit and two flag bits keep every component non-zero, as the
/// generator requires. Replication indices >= 2^21 share bits, which no batch reaches.
static inline int estatesim_seed_taus2(gsl_rng *r, uint64_t a, uint64_t b) {
    if (gsl_rng_size(r) != sizeof(estatesim_taus_state)) return -1;
    estatesim_taus_state *state = (estatesim_taus_state *)gsl_rng_state(r);
    unsigned long e1 = (unsigned long)(a & 0x7fffffffULL);           // 31 bits
    unsigned long e2 = (unsigned long)((a >> 31) & 0x1fffffffULL);   // 29 bits
    unsigned long e3 = (unsigned long)(a >> 60)                      // 4 bits
        | (unsigned long)((b & 0x1fffffULL) << 4)                    // 21 bits
        | (1UL << 27);                                               // never zero
    if (e1 == 0) { e1 = 1; e3 |= 1UL << 26; }
    if (e2 == 0) { e2 = 1; e3 |= 1UL << 25; }
    state->s1 = (e1 << 1) & 0xffffffffUL;
    state->s2 = (e2 << 3) & 0xffffffffUL;
    state->s3 = (e3 << 4) & 0xffffffffUL;
    for (int k = 0; k < 6; k++) gsl_rng_get(r);  // GSL's own warm-up after seeding
    return 0;
}

/// ranlxd2: the twelve 48-bit words of RANLUX's subtract-with-borrow state (the first member of
/// GSL's ranlxd_state_t). Words 0-2 hold a and b exactly; words 3-11 come from splitmix64 of a.
/// The carry, indices and luxury level stay as gsl_rng_set left them (carry 0), and the first
/// draw runs a full luxury-level update before anything is returned.
static inline int estatesim_seed_ranlxd2(gsl_rng *r, uint64_t a, uint64_t b) {
    if (gsl_rng_size(r) < 13 * sizeof(double)) return -1;
    double *xdbl = (double *)gsl_rng_state(r);
    const double one_bit = 1.0 / 281474976710656.0;  // 2^-48
    const uint64_t mask48 = 0xffffffffffffULL;
    uint64_t words[12];
    words[0] = a & mask48;
    words[1] = (a >> 48) | ((b & 0xffffffffULL) << 16);
    words[2] = b >> 32;
    uint64_t x = a ^ 0x5851f42d4c957f2dULL;
    for (int k = 3; k < 12; k++) words[k] = estatesim_splitmix64(&x) & mask48;
    words[11] |= 1;  // never the all-zero state
    for (int k = 0; k < 12; k++) xdbl[k] = one_bit * (double)words[k];
    return 0;
}

typedef struct { int nd; unsigned long ra[16384]; } estatesim_gfsr4_state;

/// gfsr4: Ziff's four-tap register reads the last 9,689 of its 16,384 32-bit words. Words 0-3
/// (inside that window after gsl_rng_set, which leaves nd = 32) hold a and b exactly; every other
/// word comes from splitmix64 of a. GSL's "orthogonalisation" touches only words 7..100, outside
/// the window, so it is not repeated.
static inline int estatesim_seed_gfsr4(gsl_rng *r, uint64_t a, uint64_t b) {
    if (gsl_rng_size(r) != sizeof(estatesim_gfsr4_state)) return -1;
    estatesim_gfsr4_state *state = (estatesim_gfsr4_state *)gsl_rng_state(r);
    uint64_t x = a ^ 0x2545f4914f6cdd1dULL;
    for (int k = 4; k < 16384; k += 2) {
        uint64_t z = estatesim_splitmix64(&x);
        state->ra[k] = (unsigned long)(z & 0xffffffffULL);
        state->ra[k + 1] = (unsigned long)(z >> 32);
    }
    state->ra[0] = (unsigned long)(a & 0xffffffffULL);
    state->ra[1] = (unsigned long)(a >> 32);
    state->ra[2] = (unsigned long)(b & 0xffffffffULL);
    state->ra[3] = (unsigned long)(b >> 32);
    return 0;
}

// ---------------------------------------------------------------------------------------------
// The engine's hot loops. They draw uniforms in blocks: the uniforms first, then the table
// look-ups, two loops with no dependency between iterations, which keep the processor busy where
// one loop would wait on each look-up.

#define ESTATESIM_BLOCK 256

/* for (start, m) over the blocks of n items: start = 0, 256, ..., m the block's size. */
#define ESTATESIM_FOR_BLOCKS(start, m, n)                                                              \
    for (size_t start = 0, m = (n) < ESTATESIM_BLOCK ? (n) : ESTATESIM_BLOCK; start < (n);              \
         start += ESTATESIM_BLOCK, m = (n) - start < ESTATESIM_BLOCK ? (n) - start : ESTATESIM_BLOCK)

/* One step of GSL 2.x's taus2 (rng/taus.c) on its three state words, which the caller keeps in
   32-bit locals (so in registers) over a block; returns the 32-bit output, gsl_rng_get's. GSL
   keeps each word in an unsigned long masked to 32 bits after every step, which 32-bit arithmetic
   does by itself. */
__attribute__((always_inline)) static inline uint32_t estatesim_taus2_next(uint32_t *s1, uint32_t *s2, uint32_t *s3) {
    *s1 = ((*s1 & 4294967294u) << 12) ^ (((*s1 << 13) ^ *s1) >> 19);
    *s2 = ((*s2 & 4294967288u) << 4) ^ (((*s2 << 2) ^ *s2) >> 25);
    *s3 = ((*s3 & 4294967280u) << 17) ^ (((*s3 << 3) ^ *s3) >> 11);
    return *s1 ^ *s2 ^ *s3;
}

/* m uniforms of gsl_rng_uniform(r) into u, the same numbers in the same order, leaving r's state
   where m calls of gsl_rng_uniform would. For taus2 and mt19937 this is GSL 2.x's own step
   (rng/taus.c, rng/mt.c: the same state words, the same arithmetic) written out here on GSL's
   state, so that a block costs no call per number and keeps the state in registers; a test checks
   it draw for draw against gsl_rng_get. Any other generator, or a state layout other than the one
   expected, goes through GSL's get_double. */
__attribute__((always_inline)) static inline void estatesim_uniforms(const gsl_rng *r, double *u, size_t m) {
    const double scale = 1.0 / 4294967296.0;  /* GSL's get_double divides by 2^32: exact */
    if (r->type == gsl_rng_taus2 && gsl_rng_size(r) == sizeof(estatesim_taus_state)) {
        estatesim_taus_state *state = (estatesim_taus_state *)r->state;
        uint32_t s1 = (uint32_t)state->s1, s2 = (uint32_t)state->s2, s3 = (uint32_t)state->s3;
        for (size_t i = 0; i < m; i++) u[i] = (double)estatesim_taus2_next(&s1, &s2, &s3) * scale;
        state->s1 = s1; state->s2 = s2; state->s3 = s3;
        return;
    }
    if (r->type == gsl_rng_mt19937 && gsl_rng_size(r) == sizeof(estatesim_mt19937_state)) {
        estatesim_mt19937_state *state = (estatesim_mt19937_state *)r->state;
        unsigned long *const mt = state->mt;
        enum { N = 624, M = 397 };
        const unsigned long upper = 0x80000000UL, lower = 0x7fffffffUL;
        size_t i = 0;
        while (i < m) {
            if (state->mti >= N) {  /* the next N words at once, as mt_get does */
                int kk;
                for (kk = 0; kk < N - M; kk++) {
                    const unsigned long y = (mt[kk] & upper) | (mt[kk + 1] & lower);
                    mt[kk] = mt[kk + M] ^ (y >> 1) ^ ((y & 0x1) ? 0x9908b0dfUL : 0);
                }
                for (; kk < N - 1; kk++) {
                    const unsigned long y = (mt[kk] & upper) | (mt[kk + 1] & lower);
                    mt[kk] = mt[kk + (M - N)] ^ (y >> 1) ^ ((y & 0x1) ? 0x9908b0dfUL : 0);
                }
                const unsigned long y = (mt[N - 1] & upper) | (mt[0] & lower);
                mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ ((y & 0x1) ? 0x9908b0dfUL : 0);
                state->mti = 0;
            }
            const size_t available = (size_t)(N - state->mti);
            const size_t take = m - i < available ? m - i : available;
            const unsigned long *words = mt + state->mti;
            for (size_t j = 0; j < take; j++) {  /* tempering */
                unsigned long k = words[j];
                k ^= (k >> 11);
                k ^= (k << 7) & 0x9d2c5680UL;
                k ^= (k << 15) & 0xefc60000UL;
                k ^= (k >> 18);
                u[i + j] = (double)k * scale;
            }
            state->mti += (int)take;
            i += take;
        }
        return;
    }
    double (*const get_double)(void *) = r->type->get_double;
    for (size_t i = 0; i < m; i++) u[i] = get_double(r->state);
}

/* Whether estatesim_words draws for r's generator (taus2 and mt19937 with GSL's state layout). */
static inline int estatesim_has_words(const gsl_rng *r) {
    return (r->type == gsl_rng_taus2 && gsl_rng_size(r) == sizeof(estatesim_taus_state))
        || (r->type == gsl_rng_mt19937 && gsl_rng_size(r) == sizeof(estatesim_mt19937_state));
}

/* m raw 32-bit outputs of gsl_rng_get(r) into x, for a generator with words (estatesim_has_words:
   taus2 and mt19937, whose gsl_rng_uniform is exactly x / 2^32), by the same steps as
   estatesim_uniforms; callers check estatesim_has_words first. */
__attribute__((always_inline)) static inline void estatesim_words(const gsl_rng *r, uint32_t *x, size_t m) {
    if (r->type == gsl_rng_taus2) {
        estatesim_taus_state *state = (estatesim_taus_state *)r->state;
        uint32_t s1 = (uint32_t)state->s1, s2 = (uint32_t)state->s2, s3 = (uint32_t)state->s3;
        for (size_t i = 0; i < m; i++) x[i] = estatesim_taus2_next(&s1, &s2, &s3);
        state->s1 = s1; state->s2 = s2; state->s3 = s3;
        return;
    }
    double u[ESTATESIM_BLOCK];  /* mt19937 */
    ESTATESIM_FOR_BLOCKS(start, k, m) {
        estatesim_uniforms(r, u, k);
        for (size_t i = 0; i < k; i++) x[start + i] = (uint32_t)(u[i] * 4294967296.0);  /* exact */
    }
}

/* m words of each of two generators, as estatesim_words(r, x, m) and then estatesim_words(s, y, m)
   would draw them; two taus2 generators are stepped in one loop, whose six independent chains
   keep the processor busier than three. Both generators must have words (estatesim_has_words). */
__attribute__((always_inline)) static inline void estatesim_words_pair(const gsl_rng *r, uint32_t *x, const gsl_rng *s,
                                                                       uint32_t *y, size_t m) {
    if (r->type == gsl_rng_taus2 && s->type == gsl_rng_taus2 && r != s) {
        estatesim_taus_state *a = (estatesim_taus_state *)r->state, *b = (estatesim_taus_state *)s->state;
        uint32_t a1 = (uint32_t)a->s1, a2 = (uint32_t)a->s2, a3 = (uint32_t)a->s3;
        uint32_t b1 = (uint32_t)b->s1, b2 = (uint32_t)b->s2, b3 = (uint32_t)b->s3;
        for (size_t i = 0; i < m; i++) {
            x[i] = estatesim_taus2_next(&a1, &a2, &a3);
            y[i] = estatesim_taus2_next(&b1, &b2, &b3);
        }
        a->s1 = a1; a->s2 = a2; a->s3 = a3;
        b->s1 = b1; b->s2 = b2; b->s3 = b3;
        return;
    }
    estatesim_words(r, x, m);
    estatesim_words(s, y, m);
}

/* Alias tables in the 32-bit domain, each column's threshold and alias packed in one word: a word
   x (a uniform x / 2^32) falls in column c = (x * K) >> 32, x in [start(c), start(c + 1)) with
   start(c) = ceil(c * 2^32 / K), which keeps c when x < T[c] and takes its alias A[c] otherwise;
   no floating point, one load. E[c] = A[c] << 33 | T[c], T[c] <= 2^32 (so always kept at 2^32:
   x < 2^32); aliases below 2^31. */
#define ESTATESIM_KEEP_BELOW(e) ((e) & (((uint64_t)1 << 33) - 1))
#define ESTATESIM_ALIAS(e) ((size_t)((e) >> 33))

/* One draw from the packed table E of K columns with the word x. A select: a branch on a random
   comparison would be mispredicted often. */
__attribute__((always_inline)) static inline size_t estatesim_alias_draw32(const uint64_t *E, size_t K, uint32_t x) {
    const size_t c = (size_t)(((uint64_t)x * K) >> 32);
    const uint64_t e = E[c];
    return __builtin_unpredictable(x < ESTATESIM_KEEP_BELOW(e)) ? c : ESTATESIM_ALIAS(e);
}

/* GSL's table g packed (estatesim_alias_draw32): for a generator whose uniform is x / 2^32,
   u < F[c] (GSL's KNUTH_CONVENTION, F[c] an absolute position) exactly when x < ceil(F[c] * 2^32),
   so the draws are gsl_ran_discrete's, draw for draw. */
static inline void estatesim_alias_thresholds(const gsl_ran_discrete_t *g, uint64_t *E) {
    for (size_t c = 0; c < g->K; c++) {
        const double scaled = g->F[c] * 4294967296.0;  /* exact: a power of two */
        uint64_t t = (uint64_t)1 << 32;
        if (g->F[c] < 1.0) {
            t = (uint64_t)scaled;
            if ((double)t < scaled) t++;
            if (t > (uint64_t)1 << 32) t = (uint64_t)1 << 32;
        }
        E[c] = ((uint64_t)g->A[c] << 33) | t;
    }
}

/* Walker's alias table of K weights w[k] >= 0 (sum `total` > 0), packed (estatesim_alias_draw32),
   built by Vose's method: column c keeps its own outcome for q[c] of its width, its weight times
   K / total, and gives the rest to A[c]. A weight of 0 is never drawn (T[c] = start(c)) unless
   rounding leaves it last, which the caller's check of room catches. `q` (which may be w), `A`
   and `work` are scratch of K entries. The columns' starts are stepped without a division. */
static inline void estatesim_alias_build32(const double *w, size_t K, double total, uint64_t *E, uint32_t *A,
                                           double *q, uint32_t *work) {
    size_t small = 0, large = K;  /* small ones at the front of work, large ones at the back */
    for (size_t k = 0; k < K; k++) {
        q[k] = w[k] * (double)K / total;
        A[k] = (uint32_t)k;
        if (q[k] < 1.0) work[small++] = (uint32_t)k; else work[--large] = (uint32_t)k;
    }
    while (small > 0 && large < K) {  /* q[s] of a settled small column is its kept share */
        const uint32_t s = work[--small], l = work[large];
        A[s] = l;
        q[l] = (q[l] + q[s]) - 1.0;
        if (q[l] < 1.0) { large++; work[small++] = l; }
    }
    while (large < K) q[work[large++]] = 1.0;
    while (small > 0) q[work[--small]] = 1.0;  /* rounding's leftovers: nearly 1 */
    /* start(c) = c * Q + ceil(c * R / K) for 2^32 = Q * K + R: `whole` and `part` step c * R / K. */
    const uint64_t Q = ((uint64_t)1 << 32) / K, R = ((uint64_t)1 << 32) % K;
    uint64_t start = 0, whole = 0, part = 0;
    for (size_t c = 0; c < K; c++) {
        part += R;
        if (part >= K) { part -= K; whole++; }
        const uint64_t end = (uint64_t)(c + 1) * Q + whole + (part != 0);
        const double kept = q[c] < 0.0 ? 0.0 : q[c] > 1.0 ? 1.0 : q[c];
        uint64_t t = start + (uint64_t)(kept * (double)(end - start));
        if (t > end) t = end;
        E[c] = ((uint64_t)A[c] << 33) | t;
        start = end;
    }
}

/* One draw of gsl_ran_discrete from the uniform u: GSL 2.x's randist/discrete.c (KNUTH_CONVENTION)
   inlined, so the same uniform from the same generator gives the same result, draw for draw (a
   test checks this against gsl_ran_discrete), with a select instead of two unpredictable branches. */
__attribute__((always_inline)) static inline size_t estatesim_alias_draw(const gsl_ran_discrete_t *g, double u) {
    const size_t c = (size_t)(u * g->K);
    const double f = g->F[c];
    return (f == 1.0 || u < f) ? c : g->A[c];
}

/* n draws of gsl_ran_discrete into out. */
static inline void estatesim_ran_discrete_fill(const gsl_rng *r, const gsl_ran_discrete_t *g,
                                               int32_t *out, size_t n) {
    double u[ESTATESIM_BLOCK];
    ESTATESIM_FOR_BLOCKS(start, m, n) {
        estatesim_uniforms(r, u, m);
        for (size_t i = 0; i < m; i++) out[start + i] = (int32_t)estatesim_alias_draw(g, u[i]);
    }
}

/* n draws of gsl_ran_discrete tallied as counts: row[min(offset + d, last)] += 1 for each draw
   d > 0, returning how many were 0. The same draws as estatesim_ran_discrete_fill, without the
   buffer. The zeros are counted in row[offset] itself, which is put back as it was at the end: one
   increment a draw, whatever it is. */
static inline size_t estatesim_ran_discrete_tally(const gsl_rng *r, const gsl_ran_discrete_t *g,
                                                  const uint64_t *E, size_t n, int32_t *row, size_t offset,
                                                  size_t last) {
    double u[ESTATESIM_BLOCK];
    if (offset >= last) {  /* every draw but the zeros lands in the last cell */
        size_t zeros = 0;
        ESTATESIM_FOR_BLOCKS(start, m, n) {
            estatesim_uniforms(r, u, m);
            for (size_t i = 0; i < m; i++) {
                const size_t d = estatesim_alias_draw(g, u[i]);
                zeros += d == 0;
                row[last] += d != 0;
            }
        }
        return zeros;
    }
    const int32_t before = row[offset];
    if (estatesim_has_words(r)) {  /* the same draws in the 32-bit domain (estatesim_alias_thresholds) */
        uint32_t x[ESTATESIM_BLOCK];
        ESTATESIM_FOR_BLOCKS(start, m, n) {
            estatesim_words(r, x, m);
            for (size_t i = 0; i < m; i++) {
                const size_t cell = offset + estatesim_alias_draw32(E, g->K, x[i]);
                row[cell < last ? cell : last] += 1;
            }
        }
    } else {
        ESTATESIM_FOR_BLOCKS(start, m, n) {
            estatesim_uniforms(r, u, m);
            for (size_t i = 0; i < m; i++) {
                const size_t cell = offset + estatesim_alias_draw(g, u[i]);
                row[cell < last ? cell : last] += 1;
            }
        }
    }
    const size_t zeros = (size_t)(row[offset] - before);
    row[offset] = before;
    return zeros;
}

/* Places n people over K rows in proportion to their room, room[k] (sum >= n), never more than
   room[k] in row k, and books each one's stay: in rounds, each person drawn independently in
   proportion to the room left at the round's start (placing's words, an alias table over K);
   those drawn to a row already full wait for the next round. Each person placed draws a stay d
   from g (staying's words, its packed table Eg) tallied as estatesim_ran_discrete_tally does into
   row k, base + row_start[k]: row[min(offset + d, last)] += 1, the zeros counted in zeros[k]
   instead. The counts placed are added to placed[k]. The people's stays are independent of where
   they go, so this is the multinomial split of Placement's rounds with a tally per row, without a
   binomial. Returns 0, drawing nothing, if either generator has no words, offset >= last or the
   room left is less than n. Scratch: E (K), A (K), q (K), work (K). */
static inline int estatesim_spread_tally(const gsl_rng *placing, const gsl_rng *staying, size_t n, size_t K,
                                         const ptrdiff_t *room, const gsl_ran_discrete_t *g, const uint64_t *Eg,
                                         int32_t *base, const ptrdiff_t *row_start, size_t offset, size_t last,
                                         uint32_t *placed, uint32_t *zeros, uint64_t *E, uint32_t *A, double *q,
                                         uint32_t *work) {
    if (!estatesim_has_words(placing) || !estatesim_has_words(staying) || offset >= last) return 0;
    ptrdiff_t free_places = 0;  /* the rounds end only if there is room for all */
    for (size_t k = 0; k < K; k++) {
        const ptrdiff_t free = room[k] - (ptrdiff_t)placed[k];
        if (free > 0) free_places += free;
    }
    if (free_places < (ptrdiff_t)n) return 0;
    const size_t H = g->K;
    for (size_t k = 0; k < K; k++) zeros[k] = (uint32_t)base[row_start[k] + offset];  /* put back below */
    uint32_t xe[ESTATESIM_BLOCK], xs[ESTATESIM_BLOCK];
    size_t left = n;
    while (left > 0) {
        double total = 0.0;
        for (size_t k = 0; k < K; k++) {
            const ptrdiff_t free = room[k] - (ptrdiff_t)placed[k];
            q[k] = free > 0 ? (double)free : 0.0;
            total += q[k];
        }
        estatesim_alias_build32(q, K, total, E, A, q, work);
        const size_t round = left;
        left = 0;
        ESTATESIM_FOR_BLOCKS(start, m, round) {
            estatesim_words_pair(placing, xe, staying, xs, m);
            for (size_t i = 0; i < m; i++) {
                const size_t k = estatesim_alias_draw32(E, K, xe[i]);
                if ((ptrdiff_t)placed[k] >= room[k]) { left++; continue; }
                placed[k]++;
                const size_t cell = offset + estatesim_alias_draw32(Eg, H, xs[i]);
                base[row_start[k] + (cell < last ? cell : last)] += 1;
            }
        }
    }
    for (size_t k = 0; k < K; k++) {
        int32_t *const cell = base + row_start[k] + offset;
        const uint32_t before = zeros[k];
        zeros[k] = (uint32_t)(*cell - (int32_t)before);
        *cell = (int32_t)before;
    }
    return 1;
}

/* n draws of a distribution as counts, as estatesim_ran_discrete_tally, the likeliest outcomes
   first by conditional binomials: outcome head[k] (probability p_head[k]) takes
   Bin(remaining, p_head[k] / mass left) while the people remaining expect at least `worth` of it;
   the rest are alias draws from tails[k], the distribution without head[0..<k]. EstateRandom's
   DiscreteTally holds the tables; this is its loop, in C so that the hot path makes no Swift
   reference-counting traffic. */
static inline size_t estatesim_tally_multinomial(const gsl_rng *r, size_t n, size_t heads, const size_t *head,
                                                 const double *p_head, const gsl_ran_discrete_t *const *tails,
                                                 const uint64_t *const *thresholds, double worth, int32_t *row,
                                                 size_t offset, size_t last) {
    size_t remaining = n, zeros = 0, k = 0;
    double mass = 1.0;
    while (k < heads) {
        const double p = p_head[k];
        if (!((double)remaining * p / mass >= worth)) break;
        const double q = p / mass;
        const size_t x = gsl_ran_binomial(r, q < 1.0 ? q : 1.0, (unsigned int)remaining);
        const size_t d = head[k];
        if (d == 0) {
            zeros += x;
        } else {
            row[offset + d < last ? offset + d : last] += (int32_t)x;
        }
        remaining -= x;
        mass -= p;
        k++;
    }
    return zeros + estatesim_ran_discrete_tally(r, tails[k], thresholds[k], remaining, row, offset, last);
}

#endif
