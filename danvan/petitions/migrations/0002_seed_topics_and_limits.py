"""Seed the topic taxonomy with the seeds' topics and the legal limits of each kind."""

import unicodedata

from django.db import migrations

TOPICS = [
    ("dat-dai", "Đất đai, quy hoạch", [
        ("tranh-chap-dat-dai", "Tranh chấp đất đai", "tranh chấp\nlấn chiếm\nranh giới\nranh đất"),
        ("thu-hoi-boi-thuong", "Thu hồi đất, bồi thường, giải phóng mặt bằng", "thu hồi\nbồi thường\ngiải phóng mặt bằng\ntái định cư\nđền bù"),
        ("giay-chung-nhan", "Cấp giấy chứng nhận quyền sử dụng đất", "sổ đỏ\ngiấy chứng nhận\nbìa đỏ\ncấp giấy"),
        ("quy-hoach", "Quy hoạch", "quy hoạch\nkế hoạch sử dụng đất\ntreo"),
        ("xay-dung-trai-phep", "Xây dựng, trật tự đô thị", "xây dựng trái phép\nxây dựng không phép\ntrật tự đô thị\nlấn chiếm vỉa hè"),
    ]),
    ("ha-tang", "Hạ tầng", [
        ("giao-thong-nong-thon", "Giao thông nông thôn", "đường\ncầu\nbê tông hóa\nhẻm\nlộ\nđường giao thông"),
        ("thoat-nuoc", "Thoát nước, ngập úng", "thoát nước\nngập\ncống\nmương\núng"),
        ("dien-nuoc-sinh-hoat", "Điện, nước sinh hoạt", "điện\nnước sạch\nnước sinh hoạt\nmất điện\nchiếu sáng"),
        ("thuy-loi", "Thủy lợi", "thủy lợi\nkênh\nđê\nbờ bao\ntưới"),
    ]),
    ("kinh-te", "Kinh tế, sản xuất", [
        ("gia-nong-san", "Giá nông sản, tiêu thụ sản phẩm", "giá\nnông sản\ntiêu thụ\nbấp bênh\nthương lái\nlúa\ntôm"),
        ("von-vay", "Vốn vay, tín dụng", "vốn vay\nvay vốn\ntín dụng\nngân hàng chính sách"),
        ("san-xuat-nong-nghiep", "Sản xuất nông nghiệp", "giống\nphân bón\nsâu bệnh\ndịch bệnh\nchăn nuôi\ncây trồng"),
        ("viec-lam", "Việc làm, đào tạo nghề", "việc làm\nhọc nghề\nđào tạo nghề\nlao động"),
    ]),
    ("an-ninh-trat-tu", "An ninh trật tự, tệ nạn xã hội", [
        ("an-ninh-trat-tu", "An ninh trật tự", "an ninh\ntrộm cắp\nđánh nhau\ngây rối\ntrật tự"),
        ("te-nan-xa-hoi", "Tệ nạn xã hội", "ma túy\ncờ bạc\nđá gà\nmại dâm\ntệ nạn"),
        ("an-toan-giao-thong", "An toàn giao thông", "tai nạn\nan toàn giao thông\nđua xe"),
    ]),
    ("nong-thon-moi", "Xây dựng nông thôn mới, đô thị văn minh", [
        ("nong-thon-moi", "Xây dựng nông thôn mới", "nông thôn mới\ntiêu chí\nđóng góp"),
        ("do-thi-van-minh", "Đô thị văn minh", "đô thị văn minh\nchỉnh trang"),
    ]),
    ("moi-truong", "Môi trường", [
        ("o-nhiem", "Ô nhiễm môi trường", "ô nhiễm\nkhói\nbụi\nmùi hôi\nxả thải\nnước thải\ntiếng ồn"),
        ("rac-thai", "Rác thải, vệ sinh", "rác\nvệ sinh\nthu gom"),
    ]),
    ("che-do-chinh-sach", "Chế độ chính sách, an sinh xã hội", [
        ("nguoi-co-cong", "Chính sách người có công", "người có công\nthương binh\nliệt sĩ\ncựu chiến binh"),
        ("bao-tro-xa-hoi", "Bảo trợ xã hội, hộ nghèo", "hộ nghèo\ncận nghèo\nbảo trợ\ntrợ cấp\nngười cao tuổi\nkhuyết tật"),
        ("bao-hiem", "Bảo hiểm y tế, bảo hiểm xã hội", "bảo hiểm y tế\nbảo hiểm xã hội\nbhyt\nbhxh"),
        ("giao-duc", "Giáo dục", "trường\nhọc sinh\nhọc phí\ngiáo viên"),
        ("y-te", "Y tế", "trạm y tế\nbệnh viện\nkhám chữa bệnh"),
    ]),
    ("thu-tuc-hanh-chinh", "Thủ tục hành chính, cán bộ", [
        ("thu-tuc-hanh-chinh", "Thủ tục hành chính", "thủ tục\nhồ sơ\nchứng thực\nmột cửa\ngiấy tờ"),
        ("thai-do-can-bo", "Thái độ, trách nhiệm của cán bộ", "thái độ\ncán bộ\nnhũng nhiễu\ngây khó khăn"),
    ]),
    ("khac", "Khác", [
        ("khac", "Vấn đề khác", ""),
    ]),
]

LIMITS = [
    ("feedback", {"resolution_days": 15, "legal_basis": "Quy định 11-QĐi/TW; mặc định của đơn vị"}),
    ("petition", {"resolution_days": 15, "legal_basis": "Quy định 11-QĐi/TW; mặc định của đơn vị"}),
    ("complaint", {"resolution_days": 30, "resolution_days_complex": 45, "remote_resolution_days": 45,
                   "remote_resolution_days_complex": 60, "legal_basis": "Luật Khiếu nại 2011, Điều 28"}),
    ("denunciation", {"resolution_days": 30, "max_extensions": 2, "extension_days": 30,
                      "legal_basis": "Luật Tố cáo 2018, Điều 30"}),
    ("suggestion", {"resolution_days": None, "legal_basis": "Góp ý: không bắt buộc trả lời theo hạn"}),
]


def fold(text):
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(text.replace("đ", "d").replace("Đ", "D").lower().split())


def seed(apps, schema_editor):
    Topic = apps.get_model("petitions", "Topic")
    LegalLimit = apps.get_model("petitions", "LegalLimit")
    for group_order, (group_code, group_name, children) in enumerate(TOPICS):
        group, _ = Topic.objects.get_or_create(
            code=group_code, defaults={"name": group_name, "search_key": fold(group_name), "sort_order": group_order}
        )
        for order, (code, name, keywords) in enumerate(children):
            Topic.objects.get_or_create(
                code=f"{group_code}--{code}" if code == group_code else code,
                defaults={"parent": group, "name": name, "keywords": keywords, "search_key": fold(name),
                          "sort_order": order},
            )
    for kind, values in LIMITS:
        LegalLimit.objects.get_or_create(kind=kind, defaults=values)


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
