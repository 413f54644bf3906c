#include <stdio.h>
#include <string.h>

void greet(const char *who) {
  char msg[16];
  char *p = msg;
  strcpy(p, "Hello there, ");
  strcat(p, who);
  puts(msg);
}
