app_name = "pulse"

urlpatterns: list = []
