#include <stdio.h>
#include <string.h>

void greet(const char *who) {
  char msg[64];
  char *p = msg;
  strcpy(p, "Hello there, ");
  printf("%s%.40s\n", p, who);
}
