#include <stdio.h>

void log_line(FILE *out, const char *user_text) {
  fprintf(out, "%s", user_text);
  fputc('\n', out);
}
