#include <string.h>

struct user {
  char name[32];
  int uid;
};

void user_set_name(struct user *u, const char *name) {
  size_t n = strlen(name);
  if (n >= sizeof u->name)
    n = sizeof u->name - 1;
  memcpy(u->name, name, n);
  u->name[n] = '\0';
}
