// The C side of EstateSim: GSL's headers, and static inline accessors for the generator-type
// globals (`gsl_rng_mt19937` and the like), which Swift 6 rejects as shared mutable state.
#ifndef ESTATESIM_CGSL_SHIM_H
#define ESTATESIM_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_version.h>

static inline const gsl_rng_type *estatesim_rng_mt19937(void) { return gsl_rng_mt19937; }
static inline const gsl_rng_type *estatesim_rng_taus2(void) { return gsl_rng_taus2; }
static inline const gsl_rng_type *estatesim_rng_ranlxd2(void) { return gsl_rng_ranlxd2; }
static inline const gsl_rng_type *estatesim_rng_ranlxs2(void) { return gsl_rng_ranlxs2; }
static inline const gsl_rng_type *estatesim_rng_gfsr4(void) { return gsl_rng_gfsr4; }
static inline const gsl_rng_type *estatesim_rng_mrg(void) { return gsl_rng_mrg; }
static inline const char *estatesim_gsl_version(void) { return gsl_version; }

#endif
