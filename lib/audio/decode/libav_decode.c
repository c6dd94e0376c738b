/*
 * In-process decoding with FFmpeg's own libraries (libavformat + libavcodec), loaded by
 * libav.ts through Deno's FFI. The samples are those the ffmpeg command writes as 32-bit float
 * WAV (same demuxer, decoder, gapless trimming and integer-to-float conversion), without
 * starting the ffmpeg program, whose ~200 shared libraries take ~80 ms to load per file.
 *
 * hss_decode returns 0 and planar float32 channels ([channel][frame], freed with hss_free), or a
 * negative code: the caller then decodes with the ffmpeg command, which also reports why. Any
 * message FFmpeg logs at error level counts as a failure, so only clean decodes are taken.
 */
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/log.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static _Thread_local int logged_errors = 0;

static void count_errors(void *avcl, int level, const char *fmt, va_list vl) {
  (void)avcl, (void)fmt, (void)vl;
  if (level <= AV_LOG_ERROR) logged_errors++;
}

/* As ffmpeg's sample format conversion to AV_SAMPLE_FMT_FLT (libswresample audioconvert.c). */
static int to_float(const AVFrame *fr, int ch, float *const *dst, int64_t at) {
  const int m = fr->nb_samples;
  for (int c = 0; c < ch; c++) {
    float *o = dst[c] + at;
    switch (fr->format) {
      case AV_SAMPLE_FMT_FLTP: memcpy(o, fr->extended_data[c], sizeof(float) * m); break;
      case AV_SAMPLE_FMT_FLT:
        for (int i = 0; i < m; i++) o[i] = ((const float *)fr->extended_data[0])[i * ch + c];
        break;
      case AV_SAMPLE_FMT_S16P:
        for (int i = 0; i < m; i++) o[i] = ((const int16_t *)fr->extended_data[c])[i] * (1.0f / (1 << 15));
        break;
      case AV_SAMPLE_FMT_S16:
        for (int i = 0; i < m; i++) o[i] = ((const int16_t *)fr->extended_data[0])[i * ch + c] * (1.0f / (1 << 15));
        break;
      case AV_SAMPLE_FMT_S32P:
        for (int i = 0; i < m; i++) o[i] = ((const int32_t *)fr->extended_data[c])[i] * (1.0f / (1U << 31));
        break;
      case AV_SAMPLE_FMT_S32:
        for (int i = 0; i < m; i++) o[i] = ((const int32_t *)fr->extended_data[0])[i * ch + c] * (1.0f / (1U << 31));
        break;
      default: return -1; /* other formats: left to the ffmpeg command */
    }
  }
  return 0;
}

/*
 * path: NUL-terminated file name. Outputs: *out planar samples, *frames per channel, *channels,
 * *rate, *duration_us (the container's declared duration in microseconds, -1 when none),
 * codec_name (the stream's codec as ffmpeg names it, NUL-terminated, at most 31 bytes).
 */
int hss_decode(const char *path, float **out, int64_t *frames, int32_t *channels, int32_t *rate,
               int64_t *duration_us, char *codec_name) {
  static int quiet = 0;
  if (!quiet) {
    av_log_set_callback(count_errors);
    quiet = 1;
  }
  logged_errors = 0;
  AVFormatContext *fmt = NULL;
  AVCodecContext *dec = NULL;
  AVPacket *pkt = NULL;
  AVFrame *fr = NULL;
  float *buf = NULL;
  int ret = -1, ch = 0, si = -1;
  int64_t cap = 1 << 20, n = 0;
  if (avformat_open_input(&fmt, path, NULL, NULL) < 0) return -1;
  if (avformat_find_stream_info(fmt, NULL) < 0) { ret = -2; goto end; }
  for (unsigned i = 0; i < fmt->nb_streams; i++) {
    if (fmt->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_AUDIO) { si = (int)i; break; }
  }
  if (si < 0) { ret = -3; goto end; }
  const AVCodecParameters *par = fmt->streams[si]->codecpar;
  const AVCodec *codec = avcodec_find_decoder(par->codec_id);
  if (!codec) { ret = -4; goto end; }
  dec = avcodec_alloc_context3(codec);
  if (!dec || avcodec_parameters_to_context(dec, par) < 0) { ret = -5; goto end; }
  dec->pkt_timebase = fmt->streams[si]->time_base;
  if (avcodec_open2(dec, codec, NULL) < 0) { ret = -5; goto end; }
  ch = dec->ch_layout.nb_channels;
  if (ch < 1) { ret = -5; goto end; }
  pkt = av_packet_alloc();
  fr = av_frame_alloc();
  buf = malloc(sizeof(float) * cap * ch);
  if (!pkt || !fr || !buf) { ret = -7; goto end; }
  for (int eof = 0;;) {
    if (!eof) {
      if (av_read_frame(fmt, pkt) < 0) {
        eof = 1;
        avcodec_send_packet(dec, NULL);
      } else {
        if (pkt->stream_index == si && avcodec_send_packet(dec, pkt) < 0) logged_errors++;
        av_packet_unref(pkt);
      }
    }
    for (;;) {
      int r = avcodec_receive_frame(dec, fr);
      if (r == AVERROR(EAGAIN)) break;
      if (r == AVERROR_EOF) goto done;
      if (r < 0) { ret = -8; goto end; }
      if (fr->ch_layout.nb_channels != ch || fr->sample_rate != dec->sample_rate) { ret = -6; goto end; }
      const int m = fr->nb_samples;
      if (n + m > cap) {
        int64_t grown = cap;
        while (n + m > grown) grown *= 2;
        float *b = malloc(sizeof(float) * grown * ch);
        if (!b) { ret = -7; goto end; }
        for (int c = 0; c < ch; c++) memcpy(b + c * grown, buf + c * cap, sizeof(float) * n);
        free(buf);
        buf = b;
        cap = grown;
      }
      float *dst[64];
      if (ch > 64) { ret = -6; goto end; }
      for (int c = 0; c < ch; c++) dst[c] = buf + c * cap;
      if (to_float(fr, ch, dst, n) < 0) { ret = -6; goto end; }
      n += m;
      av_frame_unref(fr);
    }
  }
done:
  if (logged_errors > 0 || n == 0) { ret = -9; goto end; }
  for (int c = 1; c < ch; c++) memmove(buf + c * n, buf + c * cap, sizeof(float) * n);
  *out = buf;
  buf = NULL;
  *frames = n;
  *channels = ch;
  *rate = dec->sample_rate;
  *duration_us = fmt->duration == AV_NOPTS_VALUE ? -1 : fmt->duration;
  strncpy(codec_name, avcodec_get_name(par->codec_id), 31);
  codec_name[31] = 0;
  ret = 0;
end:
  free(buf);
  av_frame_free(&fr);
  av_packet_free(&pkt);
  avcodec_free_context(&dec);
  avformat_close_input(&fmt);
  return ret;
}

void hss_free(float *p) { free(p); }
