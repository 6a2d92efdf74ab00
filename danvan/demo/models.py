from django.db import models


class DemoScenario(models.Model):
    """A demo scenario that has been loaded, so ``load_demo`` runs each one once."""

    key = models.CharField(max_length=60, unique=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key
