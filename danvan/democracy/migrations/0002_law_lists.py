"""The lists and time limits of Luật Thực hiện dân chủ ở cơ sở (10/2022/QH15) as data.

Administrators update these rows in the admin; records keep a copy of the figures that
applied when they were written (a decision keeps its thresholds and article).
"""

from django.db import migrations

CHECK = "Đối chiếu khoản, điểm cụ thể với văn bản Luật trước khi sửa."

CATEGORIES = [
    # code, name, article, recurrence, due days after the period, min days, within working days
    ("ke-hoach-kinh-te-xa-hoi", "Kế hoạch phát triển kinh tế – xã hội hằng năm của cấp xã", "Điều 11", "year", 30, 30, 2),
    ("du-toan-ngan-sach", "Dự toán ngân sách cấp xã được giao hằng năm", "Điều 11; Thông tư 343/2016/TT-BTC", "year", 30, 30, 2),
    ("thuc-hien-ngan-sach-quy", "Tình hình thực hiện dự toán ngân sách cấp xã hằng quý", "Điều 11; Thông tư 343/2016/TT-BTC", "quarter", 15, 30, 2),
    ("quyet-toan-ngan-sach", "Quyết toán ngân sách cấp xã hằng năm", "Điều 11; Thông tư 343/2016/TT-BTC", "year", 30, 30, 2),
    ("quy-hoach-su-dung-dat", "Quy hoạch, kế hoạch sử dụng đất; điều chỉnh quy hoạch", "Điều 11", "none", 0, 30, 2),
    ("thu-hoi-dat-boi-thuong", "Thu hồi đất, phương án bồi thường, hỗ trợ, tái định cư", "Điều 11", "none", 0, 30, 2),
    ("du-an-dau-tu", "Chủ trương, chương trình, dự án, công trình đầu tư trên địa bàn xã; nguồn vốn, tiến độ", "Điều 11", "none", 0, 30, 2),
    ("dong-gop-cua-nhan-dan", "Các khoản huy động Nhân dân đóng góp, việc thu, chi và quyết toán", "Điều 11", "none", 0, 30, 2),
    ("quy-tai-tro", "Việc quản lý, sử dụng các quỹ, khoản đầu tư, tài trợ theo chương trình, dự án", "Điều 11", "none", 0, 30, 2),
    ("thu-tuc-hanh-chinh", "Thủ tục hành chính, việc giải quyết thủ tục hành chính thuộc thẩm quyền cấp xã", "Điều 11", "none", 0, 30, 2),
    ("chinh-sach-an-sinh", "Chính sách đối với người có công, hộ nghèo, bảo trợ xã hội; danh sách đối tượng thụ hưởng", "Điều 11", "none", 0, 30, 2),
    ("phi-le-phi", "Đối tượng, mức thu các loại phí, lệ phí và nghĩa vụ tài chính khác", "Điều 11", "none", 0, 30, 2),
    ("ket-luan-thanh-tra", "Kết luận thanh tra, kiểm tra; kết quả xử lý vụ việc tiêu cực, tham nhũng của cán bộ cấp xã", "Điều 11", "none", 0, 30, 2),
    ("ket-qua-lay-y-kien", "Kết quả lấy ý kiến Nhân dân và việc tiếp thu, giải trình", "Điều 11; Điều 28", "none", 0, 30, 2),
    ("ket-qua-nhan-dan-quyet-dinh", "Kết quả Nhân dân bàn và quyết định; hương ước, quy ước được công nhận", "Điều 11; Điều 22", "none", 0, 30, 2),
]

FORMS = [
    ("niem-yet-tru-so", "Niêm yết tại trụ sở Ủy ban nhân dân cấp xã"),
    ("niem-yet-nha-van-hoa", "Niêm yết tại nhà văn hóa, điểm sinh hoạt cộng đồng của thôn, tổ dân phố"),
    ("cong-thong-tin", "Đăng tải trên cổng, trang thông tin điện tử của xã (và cổng danvan)"),
    ("truyen-thanh", "Thông báo trên hệ thống truyền thanh cấp xã"),
    ("hoi-nghi-thon", "Thông qua Trưởng thôn, Tổ trưởng tổ dân phố tại hội nghị thôn, tổ dân phố"),
    ("tai-lieu", "Phát hành, cung cấp tài liệu cho Nhân dân"),
    ("mang-xa-hoi", "Thông báo qua nhóm mạng xã hội, tin nhắn của thôn, tổ dân phố"),
]

SUBJECTS = [
    ("du-thao-ke-hoach-ktxh", "Dự thảo kế hoạch phát triển kinh tế – xã hội của cấp xã"),
    ("du-thao-quy-hoach-dat", "Dự thảo quy hoạch, kế hoạch sử dụng đất; phương án điều chỉnh"),
    ("de-an-don-vi-hanh-chinh", "Đề án thành lập, nhập, chia, điều chỉnh địa giới đơn vị hành chính"),
    ("du-an-thu-hoi-dat", "Chủ trương, dự án đầu tư, phương án bồi thường, hỗ trợ, tái định cư trên địa bàn"),
    ("nong-thon-moi", "Đề án, kế hoạch xây dựng nông thôn mới, đô thị văn minh"),
    ("van-ban-khac", "Dự thảo văn bản khác của chính quyền cấp xã cần lấy ý kiến Nhân dân"),
]

MATTERS = [
    # code, name, article, decided directly
    ("huong-uoc", "Nội dung hương ước, quy ước của thôn, tổ dân phố", "Điều 15", True),
    ("muc-dong-gop", "Chủ trương và mức đóng góp xây dựng cơ sở hạ tầng, công trình công cộng do Nhân dân đóng góp", "Điều 15", True),
    ("thu-chi-dong-gop", "Việc thu, chi, quản lý các khoản đóng góp tự nguyện của Nhân dân", "Điều 15", True),
    ("bau-truong-thon", "Bầu, cho thôi làm Trưởng thôn, Tổ trưởng tổ dân phố", "Điều 15", True),
    ("bau-ban-giam-sat", "Bầu, cho thôi làm thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư của cộng đồng", "Điều 15", True),
    ("tu-quan-khac", "Công việc tự quản khác trong nội bộ cộng đồng dân cư", "Điều 15", True),
    ("thanh-lap-thon", "Thành lập, giải thể, nhập, chia thôn, tổ dân phố; đặt tên, đổi tên (biểu quyết để cấp có thẩm quyền quyết định)", "Điều 16", False),
]

THRESHOLD_NOTE = (
    "Hội nghị hợp lệ khi trên 50% tổng số hộ gia đình tham dự; được thông qua khi trên 50% tổng số hộ "
    "gia đình của thôn, tổ dân phố tán thành (Chương II, Mục 2 của Luật). " + CHECK
)


def seed(apps, schema_editor):
    Category = apps.get_model("democracy", "DisclosureCategory")
    Form = apps.get_model("democracy", "DisclosureForm")
    Subject = apps.get_model("democracy", "ConsultationSubject")
    Matter = apps.get_model("democracy", "DecisionMatter")
    for order, (code, name, article, recurrence, due_after, min_days, within) in enumerate(CATEGORIES):
        Category.objects.update_or_create(
            code=code,
            defaults=dict(
                name=name,
                article=article,
                recurrence=recurrence,
                due_days_after_period=due_after,
                min_days=min_days,
                publish_within_days=within,
                sort_order=order,
                note="Thời hạn: Điều 13 (công khai chậm nhất 02 ngày làm việc, niêm yết ít nhất 30 ngày). "
                + CHECK,
            ),
        )
    for order, (code, name) in enumerate(FORMS):
        Form.objects.update_or_create(code=code, defaults=dict(name=name, article="Điều 12", sort_order=order))
    for order, (code, name) in enumerate(SUBJECTS):
        Subject.objects.update_or_create(code=code, defaults=dict(name=name, article="Điều 25", sort_order=order))
    for order, (code, name, article, direct) in enumerate(MATTERS):
        Matter.objects.update_or_create(
            code=code,
            defaults=dict(
                name=name,
                article=article,
                decided_directly=direct,
                quorum_percent=50,
                pass_percent=50,
                pass_base="entitled",
                sort_order=order,
                note=THRESHOLD_NOTE,
            ),
        )


class Migration(migrations.Migration):
    dependencies = [("democracy", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
