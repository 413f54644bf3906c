#include <stdlib.h>

struct node {
  struct node *next;
  int key;
};

void list_remove_all(struct node **head, int key) {
  struct node *n = *head, *prev = NULL;
  while (n) {
    struct node *next = n->next;
    if (n->key == key) {
      if (prev)
        prev->next = next;
      else
        *head = next;
      free(n);
    } else {
      prev = n;
    }
    n = next;
  }
}
