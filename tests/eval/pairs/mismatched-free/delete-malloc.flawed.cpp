#include <cstdlib>
#include <cstring>

struct Token {
  char *text;
};

void token_release(Token *t) {
  delete[] t->text;
  delete t;
}

Token *token_make(const char *s) {
  Token *t = new Token;
  t->text = strdup(s);
  return t;
}
