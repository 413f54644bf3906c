#include <stdlib.h>

struct node {
  struct node *next;
  int key;
};

void list_remove_all(struct node **head, int key) {
  struct node *n = *head, *prev = NULL;
  while (n) {
    if (n->key == key) {
      if (prev)
        prev->next = n->next;
      else
        *head = n->next;
      free(n);
    } else {
      prev = n;
    }
    n = n->next;
  }
}
