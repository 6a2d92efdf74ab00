"""Ship the meeting types named in the seeds; administrators add more in the admin."""

from django.db import migrations

TYPES = [
    ("hoi-nghi-chi-bo-ap", "Hội nghị “Phát huy tài dân, sức dân – lợi cho dân” tại chi bộ ấp, khóm", "conference",
     "Hằng tháng mỗi xã chọn một chi bộ ấp, khóm tổ chức; khoảng 40 người dự (Cầu Ngang)."),
    ("doi-thoai-bi-thu", "Đối thoại trực tiếp của người đứng đầu cấp ủy với Nhân dân", "dialogue",
     "Quy định 11-QĐi/TW; đối thoại khi cần thiết."),
    ("doi-thoai-chu-tich", "Đối thoại trực tiếp của Chủ tịch UBND với Nhân dân", "dialogue",
     "Luật Thực hiện dân chủ ở cơ sở 2022."),
    ("tiep-cong-dan", "Tiếp công dân định kỳ", "reception",
     "Bí thư cấp tỉnh ít nhất 1 ngày/tháng, cấp xã ít nhất 2 ngày/tháng (Kết luận 215-KL/TW)."),
    ("hoi-nghi-can-bo-cong-chuc", "Hội nghị cán bộ, công chức, viên chức", "officials_conference",
     "Thực hiện dân chủ ở cơ quan, đơn vị."),
    ("hoi-nghi-nguoi-lao-dong", "Hội nghị người lao động", "workers_conference",
     "Thực hiện dân chủ ở doanh nghiệp có tổ chức công đoàn."),
]


def seed(apps, schema_editor):
    MeetingType = apps.get_model("meetings", "MeetingType")
    for order, (code, name, category, description) in enumerate(TYPES):
        MeetingType.objects.get_or_create(
            code=code, defaults={"name": name, "category": category, "description": description, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
