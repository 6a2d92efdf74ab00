from danvan.petitions.choices import Channel, Kind
from danvan.petitions.services import petition_answer_on_spot, petition_receive

ROAD = (
    "Đường ĐT-746 đoạn cầu Hố Dài thi công kéo dài",
    "Cử tri ấp Hóa Nhựt phản ánh việc tuyến ĐT-746 đoạn từ cầu Hố Dài đến cầu Tân Phước Khánh thi công "
    "kéo dài, bụi mù mịt, dân buôn bán khó khăn. Đề nghị các cấp có thẩm quyền xem xét, giải quyết.",
)
ROAD_AGAIN = "DT746 doan cau Ho Dai qua cau Tan Phuoc Khanh lam hoai ko xong, bui mu mit, ban hang ko ai ghe"
LANDFILL = (
    "Bãi rác Khánh Sơn bốc mùi",
    "Người dân thôn Đông Phú phản ánh bãi rác Khánh Sơn bốc mùi hôi thối, nước rỉ rác chảy ra ruộng.",
)


def receive(
    personas, title_text, *, unit=None, actor=None, channel=Channel.RECEPTION, kind=Kind.FEEDBACK, **extra
):
    title, text = title_text
    actor = None if channel == Channel.PORTAL else actor or personas.officer_a
    return petition_receive(
        actor=actor,
        unit=unit or personas.tree.commune_a,
        channel=channel,
        kind=kind,
        title=title,
        text=text,
        **extra,
    ).petition


def answer_publicly(
    personas, petition, answer="Đã đề nghị nhà thầu tưới nước chống bụi, hoàn thành trong tháng."
):
    return petition_answer_on_spot(actor=personas.admin_a, petition=petition, answer=answer)
