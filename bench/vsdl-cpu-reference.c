/*
 * C reference of the VSDL Monte Carlo chain (src/core/vsdl/chain.ts), for bench/vsdl-cpu.mjs.
 * Same algorithm step for step: Philox4x32-10 words in the same order, Lemire's exact random index, label-signed
 * column-major inputs, one pass per proposal writing the new fields to a scratch array and counting the new energy, Metropolis with
 * exp(-dE/tau) tabulated for dE <= 64, exact recomputation of the fields every 16 sweeps.
 * Usage: vsdl-cpu-reference INPUT  (binary file written by the benchmark; prints one JSON line)
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
  uint32_t k0, k1, c2, c3;
  uint64_t block;
  uint32_t out[4];
  int used;
} stream_t;

static void philox_block(stream_t *s) {
  uint32_t x0 = (uint32_t)s->block, x1 = (uint32_t)(s->block >> 32), x2 = s->c2, x3 = s->c3;
  uint32_t key0 = s->k0, key1 = s->k1;
  for (int r = 0; r < 10; r++) {
    uint64_t p0 = (uint64_t)x0 * 0xD2511F53u, p1 = (uint64_t)x2 * 0xCD9E8D57u;
    uint32_t y0 = (uint32_t)(p1 >> 32) ^ x1 ^ key0;
    uint32_t y2 = (uint32_t)(p0 >> 32) ^ x3 ^ key1;
    x1 = (uint32_t)p1;
    x3 = (uint32_t)p0;
    x0 = y0;
    x2 = y2;
    key0 += 0x9E3779B9u;
    key1 += 0xBB67AE85u;
  }
  s->out[0] = x0; s->out[1] = x1; s->out[2] = x2; s->out[3] = x3;
  s->block++;
  s->used = 0;
}

static inline uint32_t next_u32(stream_t *s) {
  if (s->used == 4) philox_block(s);
  return s->out[s->used++];
}

static inline double next_float(stream_t *s) {
  uint32_t a = next_u32(s), b = next_u32(s);
  return ((double)(a >> 5) * 67108864.0 + (double)(b >> 6)) * (1.0 / 9007199254740992.0);
}

static inline uint32_t random_index(stream_t *s, uint32_t n) {
  uint64_t m = (uint64_t)next_u32(s) * n;
  uint32_t low = (uint32_t)m;
  if (low < n) {
    uint32_t threshold = (uint32_t)(-n) % n;
    while (low < threshold) {
      m = (uint64_t)next_u32(s) * n;
      low = (uint32_t)m;
    }
  }
  return (uint32_t)(m >> 32);
}

#define TABLE_CAP 64

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: %s INPUT\n", argv[0]); return 2; }
  FILE *f = fopen(argv[1], "rb");
  if (!f) { perror("input"); return 2; }
  /* header: int32 n, p, sweeps, spherical; float64 tau, width; uint32 k0, k1, c2, c3 */
  int32_t header[4];
  double params[2];
  uint32_t key[4];
  if (fread(header, 4, 4, f) != 4 || fread(params, 8, 2, f) != 2 || fread(key, 4, 4, f) != 4) return 2;
  const int n = header[0], p = header[1], sweeps = header[2], spherical = header[3];
  const double tau = params[0], width = params[1];
  double *x = malloc(sizeof(double) * (size_t)n * p), *J = malloc(sizeof(double) * n);
  double *h = malloc(sizeof(double) * p), *scratch = malloc(sizeof(double) * p);
  if (fread(x, 8, (size_t)n * p, f) != (size_t)n * p || fread(J, 8, n, f) != (size_t)n) return 2;
  fclose(f);
  stream_t s = {key[0], key[1], key[2], key[3], 0, {0, 0, 0, 0}, 4};
  double table[TABLE_CAP + 1];
  table[0] = 1;
  for (int d = 1; d <= TABLE_CAP; d++) table[d] = tau > 0 ? exp(-d / tau) : 0;
  long energy = 0, accepted = 0;

#define REFRESH() do { \
    if (spherical) { double norm = 0; for (int i = 0; i < n; i++) norm += J[i] * J[i]; \
      double sc = sqrt(n / norm); for (int i = 0; i < n; i++) J[i] *= sc; } \
    memset(h, 0, sizeof(double) * p); \
    for (int i = 0; i < n; i++) { const double w = J[i]; const double *c = x + (size_t)i * p; \
      for (int mu = 0; mu < p; mu++) h[mu] += w * c[mu]; } \
    energy = 0; for (int mu = 0; mu < p; mu++) energy += h[mu] <= 0; } while (0)

  REFRESH();
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  for (int sweep = 1; sweep <= sweeps; sweep++) {
    for (int k = 0; k < n; k++) {
      int i = random_index(&s, n), j = 0;
      double newA = 0, newB = 0, stepA, stepB = 0;
      if (spherical) {
        j = random_index(&s, n - 1);
        if (j >= i) j++;
        const double theta = width * (2 * next_float(&s) - 1), c = cos(theta), sn = sin(theta);
        newA = c * J[i] - sn * J[j];
        newB = sn * J[i] + c * J[j];
        stepA = newA - J[i];
        stepB = newB - J[j];
      } else {
        stepA = -2 * J[i];
      }
      const double *ca = x + (size_t)i * p, *cb = x + (size_t)j * p;
      /* New energy counted from the new fields; dE = new - current. */
      long errors = 0;
      if (spherical) {
        for (int mu = 0; mu < p; mu++) {
          const double v = h[mu] + stepA * ca[mu] + stepB * cb[mu];
          scratch[mu] = v;
          errors += v <= 0;
        }
      } else {
        for (int mu = 0; mu < p; mu++) {
          const double v = h[mu] + stepA * ca[mu];
          scratch[mu] = v;
          errors += v <= 0;
        }
      }
      const long dE = errors - energy;
      int accept = dE <= 0;
      if (!accept) accept = next_float(&s) < (dE <= TABLE_CAP ? table[dE] : (tau > 0 ? exp(-(double)dE / tau) : 0));
      if (accept) {
        if (spherical) { J[i] = newA; J[j] = newB; } else J[i] = -J[i];
        double *tmp = h; h = scratch; scratch = tmp;
        energy += dE;
        accepted++;
      }
    }
    if (sweep % 16 == 0) REFRESH();
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  const double seconds = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
  double checksum = 0;
  for (int i = 0; i < n; i++) checksum += (i + 1) * J[i];
  printf("{\"seconds\":%.6f,\"proposals\":%ld,\"energy\":%ld,\"accepted\":%ld,\"checksum\":%.17g}\n",
         seconds, (long)sweeps * n, energy, accepted, checksum);
  return 0;
}
