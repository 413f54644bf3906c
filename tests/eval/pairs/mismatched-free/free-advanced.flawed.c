#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int count_words(const char *text) {
  char *s = strdup(text);
  int words = 0;
  if (!s)
    return -1;
  while (*s) {
    while (*s && isspace((unsigned char)*s))
      s++;
    if (*s)
      words++;
    while (*s && !isspace((unsigned char)*s))
      s++;
  }
  free(s);
  return words;
}
