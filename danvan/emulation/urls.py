from django.urls import path

from . import views, views_criteria, views_public, views_ratings

app_name = "emulation"

urlpatterns = [
    path("", views.index, name="index"),
    path("dang-ky/", views.register, name="register"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sua/", views.edit, name="edit"),
    path("<int:pk>/tu-cham/", views.self_assess, name="self_assess"),
    path("<int:pk>/tham-dinh/", views.appraise, name="appraise"),
    path("<int:pk>/quyet-dinh/", views.decide, name="decide"),
    path("<int:pk>/nhan-rong/", views.replicate, name="replicate"),
    path("<int:pk>/minh-chung/", views.evidence_add, name="evidence_add"),
    path("<int:pk>/bao-cao-quy/", views.report_add, name="report_add"),
    path("<int:pk>/giay-khen.docx", views.model_certificate, name="certificate"),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence"),
    path("minh-chung/<int:pk>/xoa/", views.evidence_remove, name="evidence_remove"),
    path("xet-cong-nhan/", views.decide_batch, name="decide_batch"),
    path("quyet-dinh/", views.decisions, name="decisions"),
    path("quyet-dinh/<int:pk>/", views.decision_detail, name="decision"),
    path("quyet-dinh/<int:pk>/quyet-dinh.docx", views.decision_docx, name="decision_docx"),
    path("quyet-dinh/<int:pk>/giay-khen.docx", views.decision_certificates, name="decision_certificates"),
    path("thong-ke/", views.statistics, name="statistics"),
    path("thong-ke/xuat-excel/", views.statistics_xlsx, name="statistics_xlsx"),
    path("bo-tieu-chi/", views_criteria.criteria_list, name="criteria"),
    path("bo-tieu-chi/moi/", views_criteria.criteria_create, name="criteria_create"),
    path("bo-tieu-chi/<int:pk>/", views_criteria.criteria_detail, name="criteria_detail"),
    path("bo-tieu-chi/<int:pk>/sua/", views_criteria.criteria_edit, name="criteria_edit"),
    path("bo-tieu-chi/<int:pk>/phien-ban-moi/", views_criteria.criteria_revise, name="criteria_revise"),
    path("bo-tieu-chi/<int:pk>/ap-dung/", views_criteria.criteria_publish, name="criteria_publish"),
    path("danh-gia-hang-nam/", views_ratings.rating_list, name="ratings"),
    path("danh-gia-hang-nam/mo/", views_ratings.rating_open, name="rating_open"),
    path("danh-gia-hang-nam/<int:pk>/", views_ratings.rating_detail, name="rating"),
    path("danh-gia-hang-nam/<int:pk>/tu-cham/", views_ratings.rating_self_assess, name="rating_self_assess"),
    path("danh-gia-hang-nam/<int:pk>/tham-dinh/", views_ratings.rating_appraise, name="rating_appraise"),
    path("tieu-bieu/", views_public.showcase, name="showcase"),
    path("tieu-bieu/don-vi/<int:pk>/", views_public.showcase_unit, name="showcase_unit"),
    path("tieu-bieu/mo-hinh/<int:pk>/", views_public.showcase_model, name="showcase_model"),
    path("tieu-bieu/anh/<int:pk>/", views_public.showcase_photo, name="showcase_photo"),
]
