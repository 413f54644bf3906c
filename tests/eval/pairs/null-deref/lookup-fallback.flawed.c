#include <stddef.h>
#include <string.h>

struct entry {
  const char *name;
  int id;
};

static struct entry table[] = {{"a", 1}, {"b", 2}};

static struct entry *find(const char *name) {
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
    if (strcmp(table[i].name, name) == 0)
      return &table[i];
  return NULL;
}

int id_of(const char *name) {
  struct entry *e = find(name);
  return e->id;
}
