#include <string.h>

struct user {
  char name[32];
  int uid;
};

void user_set_name(struct user *u, const char *name) {
  strcpy(u->name, name);
}
