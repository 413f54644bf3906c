#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int count_words(const char *text) {
  char *copy = strdup(text);
  char *s = copy;
  int words = 0;
  if (!copy)
    return -1;
  while (*s) {
    while (*s && isspace((unsigned char)*s))
      s++;
    if (*s)
      words++;
    while (*s && !isspace((unsigned char)*s))
      s++;
  }
  free(copy);
  return words;
}
