#include <stdlib.h>
#include <string.h>

struct pair {
  char *key;
  int value;
};

struct pair *pair_new(const char *key, int value) {
  struct pair *p = malloc(sizeof *p);
  p->key = strdup(key);
  p->value = value;
  return p;
}
