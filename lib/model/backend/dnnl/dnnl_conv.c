/*
 * 2-D convolutions on oneDNN (Debian's libdnnl2, the library PyTorch's CPU convolutions run on),
 * called from TypeScript through Deno's FFI (see dnnl.ts, which compiles this file).
 *
 * Layouts are those of tfjs: input and output NHWC, filter HWIO, float32. A geometry is 20
 * int32 values (see enum below); the primitives for a geometry are created on first use and kept
 * in a small cache (oldest evicted), with one CPU engine and one stream for the process.
 *
 * Layouts for the primitives themselves (hss_dnnl_set_layout): plain NHWC/HWIO (the caller's
 * buffers as they are; oneDNN then runs its slow im2col + gemm kernels), oneDNN's `any` for
 * every tensor (channel-blocked; the shim reorders from and to the plain buffers around each
 * call), or — the default, fastest here — plain NHWC activations with the filter in oneDNN's
 * blocked layout (only the small filter is reordered; the JIT AVX-512 kernels take NHWC).
 *
 * Max pooling (window KH×KW, no dilation) uses the same geometry record: its forward pass writes
 * a workspace (where each window's maximum was) that its backward pass reads.
 *
 * Every entry point returns 0 on success, or a oneDNN status (> 0) / -1 (out of memory) on
 * failure; the caller then uses another implementation.
 */
#include <oneapi/dnnl/dnnl.h>
#include <stdint.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>

int omp_get_max_threads(void);
int omp_get_thread_num(void);
int omp_get_num_threads(void);
void omp_set_num_threads(int);

enum {
  G_KIND, /* convolution: 0 forward, 1 backward data, 2 backward weights;
             max pooling: 3 forward (training, with workspace), 4 backward (O = C) */
  G_N, G_H, G_W, G_C,
  G_O, G_KH, G_KW,
  G_OH, G_OW,
  G_SH, G_SW,
  G_DH, G_DW, /* dilation as tfjs counts it: 1 = none */
  G_PT, G_PL, G_PB, G_PR,
  G_BIAS, /* forward: add a bias; backward weights: also the bias gradient */
  G_RELU, /* forward: ReLU after the bias */
  G_SIZE
};

#define MAX_ARGS 4
#define CACHE_SIZE 48

typedef struct {
  int arg;                 /* DNNL_ARG_* */
  int is_output;
  dnnl_memory_t user;      /* plain layout, caller's buffer */
  dnnl_memory_t inner;     /* the primitive's layout, or NULL when it is the plain one */
  dnnl_primitive_t reorder;
} arg_t;

typedef struct {
  int32_t key[G_SIZE + 1]; /* geometry + layout mode */
  dnnl_primitive_t prim;
  int nargs;
  arg_t args[MAX_ARGS];
  uint64_t used;
  size_t workspace; /* bytes of the pooling workspace */
} entry_t;

static dnnl_engine_t engine = NULL;
static dnnl_stream_t stream = NULL;
static entry_t cache[CACHE_SIZE];
static int cached = 0;
static uint64_t clock_ = 0;
static int layout_any = 2; /* see hss_dnnl_set_layout */

#define TRY(call)                                \
  do {                                           \
    dnnl_status_t s_ = (call);                   \
    if (s_ != dnnl_success) return (int)s_;      \
  } while (0)

int hss_dnnl_init(void) {
  if (engine) return 0;
  TRY(dnnl_engine_create(&engine, dnnl_cpu, 0));
  TRY(dnnl_stream_create(&stream, engine, dnnl_stream_default_flags));
  return 0;
}

/* Version as major·10000 + minor·100 + patch. */
int hss_dnnl_version(void) {
  const dnnl_version_t *v = dnnl_version();
  return v->major * 10000 + v->minor * 100 + v->patch;
}

int hss_dnnl_threads(void) { return omp_get_max_threads(); }

void hss_dnnl_set_threads(int n) {
  if (n > 0) omp_set_num_threads(n);
}

static void destroy_entry(entry_t *e) {
  for (int i = 0; i < e->nargs; i++) {
    if (e->args[i].reorder) dnnl_primitive_destroy(e->args[i].reorder);
    if (e->args[i].inner) dnnl_memory_destroy(e->args[i].inner);
    if (e->args[i].user) dnnl_memory_destroy(e->args[i].user);
  }
  if (e->prim) dnnl_primitive_destroy(e->prim);
  memset(e, 0, sizeof *e);
}

/* Layouts of the primitives: 0 plain NHWC/HWIO, 1 oneDNN's choice for every tensor, 2 plain
 * NHWC activations with oneDNN's choice of filter layout. Clears the cache. */
void hss_dnnl_set_layout(int mode) {
  for (int i = 0; i < cached; i++) destroy_entry(&cache[i]);
  cached = 0;
  layout_any = mode;
}

static void md4(dnnl_memory_desc_t *md, int64_t a, int64_t b, int64_t c, int64_t d,
                dnnl_format_tag_t tag) {
  dnnl_dims_t dims = {a, b, c, d};
  dnnl_memory_desc_init_by_tag(md, 4, dims, dnnl_f32, tag);
}

/* Adds an argument: the caller's plain memory, and (when the primitive wants another layout) a
 * memory of the primitive's layout with a reorder between the two. */
static int add_arg(entry_t *e, const_dnnl_primitive_desc_t pd, dnnl_query_t what, int index,
                   int arg, const dnnl_memory_desc_t *plain, int is_output) {
  arg_t *a = &e->args[e->nargs++];
  a->arg = arg;
  a->is_output = is_output;
  TRY(dnnl_memory_create(&a->user, plain, engine, DNNL_MEMORY_NONE));
  const dnnl_memory_desc_t *want = dnnl_primitive_desc_query_md(pd, what, index);
  if (!want || dnnl_memory_desc_equal(want, plain)) return 0;
  TRY(dnnl_memory_create(&a->inner, want, engine, DNNL_MEMORY_ALLOCATE));
  dnnl_primitive_desc_t rpd;
  if (is_output)
    TRY(dnnl_reorder_primitive_desc_create(&rpd, want, engine, plain, engine, NULL));
  else
    TRY(dnnl_reorder_primitive_desc_create(&rpd, plain, engine, want, engine, NULL));
  dnnl_status_t s = dnnl_primitive_create(&a->reorder, rpd);
  dnnl_primitive_desc_destroy(rpd);
  return (int)s;
}

/* An argument used as it is (no reorder), e.g. the pooling workspace. */
static int add_raw(entry_t *e, int arg, const dnnl_memory_desc_t *md, int is_output) {
  arg_t *a = &e->args[e->nargs++];
  a->arg = arg;
  a->is_output = is_output;
  return (int)dnnl_memory_create(&a->user, md, engine, DNNL_MEMORY_NONE);
}

static int build_pool(entry_t *e, const int32_t *g) {
  dnnl_memory_desc_t src, dst;
  md4(&src, g[G_N], g[G_C], g[G_H], g[G_W], dnnl_nhwc);
  md4(&dst, g[G_N], g[G_C], g[G_OH], g[G_OW], dnnl_nhwc);
  dnnl_dims_t strides = {g[G_SH], g[G_SW]}, kernel = {g[G_KH], g[G_KW]}, dilation = {0, 0};
  dnnl_dims_t pad_l = {g[G_PT], g[G_PL]}, pad_r = {g[G_PB], g[G_PR]};
  dnnl_pooling_v2_desc_t fwd_d;
  TRY(dnnl_pooling_v2_forward_desc_init(&fwd_d, dnnl_forward_training, dnnl_pooling_max, &src,
                                        &dst, strides, kernel, dilation, pad_l, pad_r));
  dnnl_primitive_desc_t fwd_pd, pd;
  TRY(dnnl_primitive_desc_create(&fwd_pd, &fwd_d, NULL, engine, NULL));
  pd = fwd_pd;
  dnnl_status_t s = dnnl_success;
  if (g[G_KIND] == 4) {
    dnnl_pooling_v2_desc_t d;
    s = dnnl_pooling_v2_backward_desc_init(&d, dnnl_pooling_max, &src, &dst, strides, kernel,
                                           dilation, pad_l, pad_r);
    if (s == dnnl_success) s = dnnl_primitive_desc_create(&pd, &d, NULL, engine, fwd_pd);
  }
  if (pd != fwd_pd) dnnl_primitive_desc_destroy(fwd_pd);
  if (s != dnnl_success) return (int)s;
  const dnnl_memory_desc_t *ws = dnnl_primitive_desc_query_md(pd, dnnl_query_workspace_md, 0);
  int r = ws ? 0 : -1;
  if (g[G_KIND] == 3) {
    if (!r) r = add_raw(e, DNNL_ARG_SRC, &src, 0);
    if (!r) r = add_raw(e, DNNL_ARG_DST, &dst, 1);
    if (!r) r = add_raw(e, DNNL_ARG_WORKSPACE, ws, 1);
  } else {
    if (!r) r = add_raw(e, DNNL_ARG_DIFF_DST, &dst, 0);
    if (!r) r = add_raw(e, DNNL_ARG_WORKSPACE, ws, 0);
    if (!r) r = add_raw(e, DNNL_ARG_DIFF_SRC, &src, 1);
  }
  if (!r) {
    e->workspace = dnnl_memory_desc_get_size(ws);
    r = (int)dnnl_primitive_create(&e->prim, pd);
  }
  dnnl_primitive_desc_destroy(pd);
  return r;
}

static int build(entry_t *e, const int32_t *g) {
  if (g[G_KIND] >= 3) return build_pool(e, g);
  dnnl_memory_desc_t src, wei, dst, bias, src_any, wei_any, dst_any, bias_any;
  dnnl_format_tag_t act = layout_any == 1 ? dnnl_format_tag_any : dnnl_nhwc;
  dnnl_format_tag_t flt = layout_any ? dnnl_format_tag_any : dnnl_hwio;
  md4(&src, g[G_N], g[G_C], g[G_H], g[G_W], dnnl_nhwc);
  md4(&wei, g[G_O], g[G_C], g[G_KH], g[G_KW], dnnl_hwio);
  md4(&dst, g[G_N], g[G_O], g[G_OH], g[G_OW], dnnl_nhwc);
  md4(&src_any, g[G_N], g[G_C], g[G_H], g[G_W], act);
  md4(&wei_any, g[G_O], g[G_C], g[G_KH], g[G_KW], flt);
  md4(&dst_any, g[G_N], g[G_O], g[G_OH], g[G_OW], act);
  dnnl_dims_t bdims = {g[G_O]};
  dnnl_memory_desc_init_by_tag(&bias, 1, bdims, dnnl_f32, dnnl_a);
  dnnl_memory_desc_init_by_tag(&bias_any, 1, bdims, dnnl_f32, dnnl_a);
  dnnl_dims_t strides = {g[G_SH], g[G_SW]};
  dnnl_dims_t dilates = {g[G_DH] - 1, g[G_DW] - 1};
  dnnl_dims_t pad_l = {g[G_PT], g[G_PL]};
  dnnl_dims_t pad_r = {g[G_PB], g[G_PR]};
  int with_bias = g[G_BIAS] != 0;

  dnnl_convolution_desc_t fwd_d;
  TRY(dnnl_dilated_convolution_forward_desc_init(
      &fwd_d, g[G_KIND] == 0 ? dnnl_forward_inference : dnnl_forward_training,
      dnnl_convolution_direct, &src_any, &wei_any,
      with_bias && g[G_KIND] != 1 ? &bias_any : NULL, &dst_any, strides, dilates, pad_l,
      pad_r));
  dnnl_primitive_attr_t attr = NULL;
  if (g[G_KIND] == 0 && g[G_RELU]) {
    dnnl_post_ops_t po;
    TRY(dnnl_post_ops_create(&po));
    TRY(dnnl_post_ops_append_eltwise(po, 1.0f, dnnl_eltwise_relu, 0.0f, 0.0f));
    TRY(dnnl_primitive_attr_create(&attr));
    TRY(dnnl_primitive_attr_set_post_ops(attr, po));
    dnnl_post_ops_destroy(po);
  }
  dnnl_primitive_desc_t fwd_pd;
  dnnl_status_t s = dnnl_primitive_desc_create(&fwd_pd, &fwd_d, attr, engine, NULL);
  if (attr) dnnl_primitive_attr_destroy(attr);
  if (s != dnnl_success) return (int)s;

  dnnl_primitive_desc_t pd = fwd_pd;
  if (g[G_KIND] == 1) {
    dnnl_convolution_desc_t d;
    TRY(dnnl_dilated_convolution_backward_data_desc_init(
        &d, dnnl_convolution_direct, &src_any, &wei_any, &dst_any, strides, dilates, pad_l,
        pad_r));
    s = dnnl_primitive_desc_create(&pd, &d, NULL, engine, fwd_pd);
  } else if (g[G_KIND] == 2) {
    dnnl_convolution_desc_t d;
    TRY(dnnl_dilated_convolution_backward_weights_desc_init(
        &d, dnnl_convolution_direct, &src_any, &wei_any, with_bias ? &bias_any : NULL,
        &dst_any, strides, dilates, pad_l, pad_r));
    s = dnnl_primitive_desc_create(&pd, &d, NULL, engine, fwd_pd);
  }
  if (pd != fwd_pd) dnnl_primitive_desc_destroy(fwd_pd);
  if (s != dnnl_success) return (int)s;

  int r = 0;
  if (g[G_KIND] == 0) {
    r = add_arg(e, pd, dnnl_query_src_md, 0, DNNL_ARG_SRC, &src, 0);
    if (!r) r = add_arg(e, pd, dnnl_query_weights_md, 0, DNNL_ARG_WEIGHTS, &wei, 0);
    if (!r && with_bias) r = add_arg(e, pd, dnnl_query_weights_md, 1, DNNL_ARG_BIAS, &bias, 0);
    if (!r) r = add_arg(e, pd, dnnl_query_dst_md, 0, DNNL_ARG_DST, &dst, 1);
  } else if (g[G_KIND] == 1) {
    r = add_arg(e, pd, dnnl_query_diff_dst_md, 0, DNNL_ARG_DIFF_DST, &dst, 0);
    if (!r) r = add_arg(e, pd, dnnl_query_weights_md, 0, DNNL_ARG_WEIGHTS, &wei, 0);
    if (!r) r = add_arg(e, pd, dnnl_query_diff_src_md, 0, DNNL_ARG_DIFF_SRC, &src, 1);
  } else {
    r = add_arg(e, pd, dnnl_query_src_md, 0, DNNL_ARG_SRC, &src, 0);
    if (!r) r = add_arg(e, pd, dnnl_query_diff_dst_md, 0, DNNL_ARG_DIFF_DST, &dst, 0);
    if (!r) r = add_arg(e, pd, dnnl_query_diff_weights_md, 0, DNNL_ARG_DIFF_WEIGHTS, &wei, 1);
    if (!r && with_bias) {
      /* the bias gradient is plain 1-D: no reorder */
      arg_t *a = &e->args[e->nargs++];
      a->arg = DNNL_ARG_DIFF_BIAS;
      a->is_output = 1;
      r = (int)dnnl_memory_create(&a->user, &bias, engine, DNNL_MEMORY_NONE);
    }
  }
  if (!r) r = (int)dnnl_primitive_create(&e->prim, pd);
  dnnl_primitive_desc_destroy(pd);
  return r;
}

static entry_t *lookup(const int32_t *g, int *status) {
  int32_t key[G_SIZE + 1];
  memcpy(key, g, G_SIZE * sizeof(int32_t));
  key[G_SIZE] = layout_any;
  for (int i = 0; i < cached; i++) {
    if (memcmp(cache[i].key, key, sizeof key) == 0) {
      cache[i].used = ++clock_;
      return &cache[i];
    }
  }
  int slot = cached;
  if (cached == CACHE_SIZE) {
    slot = 0;
    for (int i = 1; i < CACHE_SIZE; i++)
      if (cache[i].used < cache[slot].used) slot = i;
    destroy_entry(&cache[slot]);
  } else {
    cached++;
  }
  entry_t *e = &cache[slot];
  memcpy(e->key, key, sizeof key);
  e->used = ++clock_;
  *status = build(e, g);
  if (*status) {
    destroy_entry(e);
    /* keep the slot array dense: move the last entry into the freed slot */
    if (slot != cached - 1) {
      cache[slot] = cache[cached - 1];
      memset(&cache[cached - 1], 0, sizeof(entry_t));
    }
    cached--;
    return NULL;
  }
  return e;
}

/* Runs the cached primitive for geometry g on the caller's buffers (in argument order). */
static int run(const int32_t *g, void **buffers) {
  int status = hss_dnnl_init();
  if (status) return status;
  entry_t *e = lookup(g, &status);
  if (!e) return status ? status : -1;
  dnnl_exec_arg_t exec[MAX_ARGS];
  for (int i = 0; i < e->nargs; i++) {
    arg_t *a = &e->args[i];
    TRY(dnnl_memory_set_data_handle(a->user, buffers[i]));
    exec[i].arg = a->arg;
    exec[i].memory = a->inner ? a->inner : a->user;
    if (a->inner && !a->is_output) {
      dnnl_exec_arg_t r[2] = {{DNNL_ARG_FROM, a->user}, {DNNL_ARG_TO, a->inner}};
      TRY(dnnl_primitive_execute(a->reorder, stream, 2, r));
    }
  }
  TRY(dnnl_primitive_execute(e->prim, stream, e->nargs, exec));
  for (int i = 0; i < e->nargs; i++) {
    arg_t *a = &e->args[i];
    if (a->inner && a->is_output) {
      dnnl_exec_arg_t r[2] = {{DNNL_ARG_FROM, a->inner}, {DNNL_ARG_TO, a->user}};
      TRY(dnnl_primitive_execute(a->reorder, stream, 2, r));
    }
  }
  TRY(dnnl_stream_wait(stream));
  return 0;
}

/* y = conv(x, w) (+ bias) (then ReLU); g[G_KIND] must be 0. bias may be NULL without G_BIAS. */
int hss_dnnl_conv_forward(const int32_t *g, const float *x, const float *w, const float *bias,
                          float *y) {
  void *with[4] = {(void *)x, (void *)w, (void *)bias, (void *)y};
  void *without[3] = {(void *)x, (void *)w, (void *)y};
  return run(g, g[G_BIAS] ? with : without);
}

/* dx = the gradient of conv(x, w) with respect to x, given dy; g[G_KIND] must be 1. */
int hss_dnnl_conv_backward_data(const int32_t *g, const float *dy, const float *w, float *dx) {
  void *b[3] = {(void *)dy, (void *)w, (void *)dx};
  return run(g, b);
}

/* Bytes of the workspace max pooling with geometry g (G_KIND 3) writes; −1 when it cannot. */
int64_t hss_dnnl_pool_workspace_bytes(const int32_t *g) {
  int status = hss_dnnl_init();
  if (status) return -1;
  entry_t *e = lookup(g, &status);
  return e ? (int64_t)e->workspace : -1;
}

/* y = max pooling of x, and the workspace for the backward pass; g[G_KIND] must be 3. */
int hss_dnnl_maxpool_forward(const int32_t *g, const float *x, float *y, uint8_t *workspace) {
  void *b[3] = {(void *)x, (void *)y, (void *)workspace};
  return run(g, b);
}

/* dx = the gradient of max pooling given dy and the forward pass's workspace; g[G_KIND] = 4. */
int hss_dnnl_maxpool_backward(const int32_t *g, const float *dy, const uint8_t *workspace,
                              float *dx) {
  void *b[3] = {(void *)dy, (void *)workspace, (void *)dx};
  return run(g, b);
}

/* dw (and, with G_BIAS, dbias = Σ dy per channel); g[G_KIND] must be 2. */
int hss_dnnl_conv_backward_weights(const int32_t *g, const float *x, const float *dy, float *dw,
                                   float *dbias) {
  void *b[4] = {(void *)x, (void *)dy, (void *)dw, (void *)dbias};
  return run(g, b);
}

/*
 * Not oneDNN, but beside it for its OpenMP threads: the backward pass of a convolution's bias
 * and activation in one sweep over rows × channels values. dx = dy · step(y) for ReLU (relu != 0;
 * step(NaN) = NaN as in tfjs) or dy (linear), and dbias[c] = Σ dx[·, c] in float64. Threads take
 * contiguous blocks of rows, each with its own sums, added in thread order (deterministic for a
 * given thread count). Returns 0, or −1 when out of memory.
 */
int hss_bias_activation_grad(int64_t rows, int32_t channels, int32_t relu, const float *dy,
                             const float *y, float *dx, float *dbias) {
  int threads = omp_get_max_threads();
  if ((int64_t)threads > rows) threads = rows > 0 ? (int)rows : 1;
  double *sums = calloc((size_t)threads * (size_t)channels, sizeof(double));
  if (!sums) return -1;
#pragma omp parallel num_threads(threads)
  {
    int t = omp_get_thread_num(), n = omp_get_num_threads();
    int64_t begin = rows * t / n, end = rows * (t + 1) / n;
    double *s = sums + (size_t)t * (size_t)channels;
    for (int64_t r = begin; r < end; r++) {
      const float *g = dy + r * channels, *v = y + r * channels;
      float *out = dx + r * channels;
      if (relu) {
        for (int32_t c = 0; c < channels; c++) {
          float step = v[c] > 0.0f ? 1.0f : (v[c] != v[c] ? v[c] : 0.0f);
          float d = g[c] * step;
          out[c] = d;
          s[c] += (double)d;
        }
      } else {
        for (int32_t c = 0; c < channels; c++) {
          out[c] = g[c];
          s[c] += (double)g[c];
        }
      }
    }
  }
  for (int32_t c = 0; c < channels; c++) {
    double total = 0;
    for (int t = 0; t < threads; t++) total += sums[(size_t)t * (size_t)channels + c];
    dbias[c] = (float)total;
  }
  free(sums);
  return 0;
}

/*
 * One Adam step for one variable of n values (see kernels/adam.ts, whose arithmetic this is):
 * float32 throughout, in tfjs's order, every intermediate rounded to float32 as tfjs's separate
 * ops store it — so bit for bit tfjs's optimizer (the shim is compiled with -ffp-contract=off:
 * no fused multiply-adds). The out arrays may be the in arrays. Element-wise, so any split of the
 * work over threads gives the same values.
 */
void hss_adam_update(int64_t n, const float *value, const float *m, const float *v,
                     const float *g, float *out_value, float *out_m, float *out_v,
                     const float *scalars) {
  /* scalars: beta1, 1 − beta1, beta2, 1 − beta2, epsilon, −learning rate, 1 − β₁ᵗ, 1 − β₂ᵗ */
  const float b1 = scalars[0], c1 = scalars[1], b2 = scalars[2], c2 = scalars[3];
  const float eps = scalars[4], rate = scalars[5], o1 = scalars[6], o2 = scalars[7];
#pragma omp parallel for schedule(static) if (n > 65536)
  for (int64_t i = 0; i < n; i++) {
    float gi = g[i];
    float a = m[i] * b1, b = gi * c1;
    float m1 = a + b;
    float sq = gi * gi;
    float c = v[i] * b2, d = sq * c2;
    float v1 = c + d;
    float m_hat = m1 / o1, v_hat = v1 / o2;
    float root = sqrtf(v_hat);
    float denom = root + eps;
    float q = m_hat / denom;
    float r = q * rate;
    out_value[i] = r + value[i];
    out_m[i] = m1;
    out_v[i] = v1;
  }
}
