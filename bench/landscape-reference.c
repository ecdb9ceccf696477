/*
 * C references for bench/landscape.mjs. Exact ground-state enumeration (src/core/landscape/wasm/enumerate.as),
 * same algorithm step for step: spin N-1 fixed to +1, a table of the energies of the
 * b = b1 + b2 lowest spins built by doubling, a Gray code over the high spins with the fields u resynchronised
 * every 1024 steps, and per high configuration the low sums d1, d2 and, row by row, min(table + d1) + d2 + E_high.
 * With mode "gray" it runs instead the textbook enumeration: one Gray-code flip per configuration, O(N) each.
 * With mode "quench" it runs greedy zero-temperature descents (src/core/landscape/quench.ts, rule 'greedy') from
 * the starts that follow J in the input: the steepest unstable spin flips until none is left, fields updated
 * in O(N) per flip, then recomputed once exactly.
 * Usage: landscape-reference INPUT MODE
 *   INPUT: int32 n, b1, b2, then n*n float64 J; for quench also int32 Q and Q*n int8 starts (+1/-1)
 *   MODE: table | gray | quench
 * Prints one JSON line: { energy, gray, low, seconds, configurations } (quench: { energy_sum, flips, seconds }).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + 1e-9 * t.tv_nsec;
}

static double resync(const double *J, int n, int b, const double *s, double *u) {
  double e = 0;
  for (int i = 0; i < n; i++) {
    double f = 0;
    for (int k = b; k < n; k++) f += J[i * n + k] * s[k];
    u[i] = f;
    if (i >= b) e -= 0.5 * s[i] * f;
  }
  return e;
}

static void spins_of(uint64_t g, int n, int b, double *s) {
  uint64_t code = g ^ (g >> 1);
  for (int i = b; i < n - 1; i++) s[i] = ((code >> (i - b)) & 1) ? -1.0 : 1.0;
  s[n - 1] = 1.0;
}

static void low_sums(const double *u, int first, int bits, double *t) {
  double base = 0;
  for (int k = 0; k < bits; k++) base -= u[first + k];
  t[0] = base;
  for (int k = 0; k < bits; k++) {
    size_t size = (size_t)1 << k;
    double step = 2 * u[first + k];
    for (size_t x = 0; x < size; x++) t[x + size] = t[x] + step;
  }
}

static void table_scan(const double *J, int n, int b1, int b2, double *out) {
  int b = b1 + b2;
  size_t width = (size_t)1 << b1, rows = (size_t)1 << b2;
  double *table = malloc(sizeof(double) << b);
  double *u = malloc(sizeof(double) * n), *s = malloc(sizeof(double) * n);
  double *d1 = malloc(sizeof(double) * width), *d2 = malloc(sizeof(double) * rows);
  table[0] = 0;
  for (int i = 0; i < b; i++) for (int j = i + 1; j < b; j++) table[0] -= J[i * n + j];
  for (int bit = 0; bit < b; bit++) {
    size_t size = (size_t)1 << bit;
    double above = 0;
    for (int j = bit + 1; j < b; j++) above += J[bit * n + j];
    for (size_t x = 0; x < size; x++) {
      double field = above;
      for (int j = 0; j < bit; j++) field += ((x >> j) & 1) ? -J[bit * n + j] : J[bit * n + j];
      table[x + size] = table[x] + 2 * field;
    }
  }
  uint64_t steps = (uint64_t)1 << (n - 1 - b);
  double best = INFINITY, best_g = -1, best_low = -1, e_high = 0;
  for (uint64_t g = 0; g < steps; g++) {
    if (g == 0 || g % 1024 == 0) {
      spins_of(g, n, b, s);
      e_high = resync(J, n, b, s, u);
    } else {
      int i = b + __builtin_ctzll(g);
      double old = s[i];
      e_high += 2 * old * u[i];
      const double *row = J + (size_t)i * n;
      for (int k = 0; k < n; k++) u[k] += -2 * old * row[k];
      s[i] = -old;
    }
    low_sums(u, 0, b1, d1);
    low_sums(u, b1, b2, d2);
    double m = INFINITY;
    for (size_t y = 0; y < rows; y++) {
      const double *r = table + y * width;
      double row_min = INFINITY;
      for (size_t x = 0; x < width; x++) {
        double v = r[x] + d1[x];
        row_min = v < row_min ? v : row_min;
      }
      row_min += d2[y] + e_high;
      m = row_min < m ? row_min : m;
    }
    if (m < best) {
      best = m;
      best_g = (double)g;
      for (size_t y = 0; y < rows && best_low < 0; y++) {
        double c = d2[y] + e_high;
        for (size_t x = 0; x < width; x++) if (table[y * width + x] + d1[x] + c == m) { best_low = (double)(x + y * width); break; }
      }
      if (best_low < 0) best_low = 0;
    }
  }
  out[0] = best; out[1] = best_g; out[2] = best_low;
  free(table); free(u); free(s); free(d1); free(d2);
}

/* One flip per configuration: the Gray code over all N - 1 free spins, fields updated in O(N). */
static void gray_scan(const double *J, int n, double *out) {
  double *s = malloc(sizeof(double) * n), *h = malloc(sizeof(double) * n);
  for (int i = 0; i < n; i++) s[i] = 1.0;
  double e = resync(J, n, 0, s, h);
  double best = e, best_g = 0;
  uint64_t steps = (uint64_t)1 << (n - 1);
  for (uint64_t g = 1; g < steps; g++) {
    int i = __builtin_ctzll(g);
    double old = s[i];
    e += 2 * old * h[i];
    const double *row = J + (size_t)i * n;
    for (int k = 0; k < n; k++) h[k] += -2 * old * row[k];
    s[i] = -old;
    if (e < best) { best = e; best_g = (double)g; }
  }
  out[0] = best; out[1] = best_g; out[2] = 0;
  free(s); free(h);
}

/* Greedy descent from s (modified); returns the energy per spin and adds the flips to *flips. */
static double greedy_descent(const double *J, int n, signed char *s, double *h, long *flips) {
  for (int i = 0; i < n; i++) {
    double f = 0;
    for (int j = 0; j < n; j++) f += J[i * n + j] * s[j];
    h[i] = f;
  }
  for (;;) {
    for (;;) {
      int k = -1;
      double gain = 0;
      for (int i = 0; i < n; i++) {
        double a = s[i] * h[i];
        if (a < gain) { gain = a; k = i; }
      }
      if (k < 0) break;
      int next = -s[k];
      s[k] = (signed char)next;
      const double *row = J + (size_t)k * n;
      for (int j = 0; j < n; j++) h[j] += 2 * next * row[j];
      (*flips)++;
    }
    int stable = 1;
    for (int i = 0; i < n; i++) {
      double f = 0;
      for (int j = 0; j < n; j++) f += J[i * n + j] * s[j];
      h[i] = f;
      if (s[i] * f < 0) stable = 0;
    }
    if (stable) break;
  }
  double e = 0;
  for (int i = 0; i < n; i++) e += s[i] * h[i];
  return -e / (2.0 * n);
}

int main(int argc, char **argv) {
  if (argc < 3) { fprintf(stderr, "usage: %s INPUT table|gray\n", argv[0]); return 2; }
  FILE *f = fopen(argv[1], "rb");
  if (!f) { perror(argv[1]); return 1; }
  int32_t head[3];
  if (fread(head, sizeof head, 1, f) != 1) return 1;
  int n = head[0], b1 = head[1], b2 = head[2];
  double *J = malloc(sizeof(double) * n * n);
  if (fread(J, sizeof(double), (size_t)n * n, f) != (size_t)n * n) return 1;
  if (strcmp(argv[2], "quench") == 0) {
    int32_t q;
    if (fread(&q, sizeof q, 1, f) != 1) return 1;
    signed char *starts = malloc((size_t)q * n);
    if (fread(starts, 1, (size_t)q * n, f) != (size_t)q * n) return 1;
    fclose(f);
    double *h = malloc(sizeof(double) * n), sum = 0;
    long flips = 0;
    double t0 = now();
    for (int k = 0; k < q; k++) sum += greedy_descent(J, n, starts + (size_t)k * n, h, &flips);
    printf("{\"energy_sum\": %.17g, \"flips\": %ld, \"seconds\": %.6f}\n", sum, flips, now() - t0);
    return 0;
  }
  fclose(f);
  double out[3];
  double t0 = now();
  if (strcmp(argv[2], "gray") == 0) gray_scan(J, n, out); else table_scan(J, n, b1, b2, out);
  double seconds = now() - t0;
  printf("{\"energy\": %.17g, \"gray\": %.0f, \"low\": %.0f, \"seconds\": %.6f, \"configurations\": %.0f}\n",
         out[0], out[1], out[2], seconds, ldexp(1.0, n - 1));
  free(J);
  return 0;
}
