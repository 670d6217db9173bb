"""The structure of the demo sector, as data.

Sources and honesty notes:

- The 63 provinces, their CCCD province codes (the first three digits of a citizen ID), the 11
  unchanged and the 23 merged provincial procuracies of 2025-07-01 follow
  /work/shared/domain/units-2025.md (Nghị quyết 84/2025/UBTVQH15) and public knowledge.
- District lists are the district-level units as they stood around 2024, written from general
  knowledge. They are checked with care for the provinces named in the users' documents (Quảng
  Bình, Quảng Trị, Quảng Nam, Bến Tre with huyện Bình Đại, Vĩnh Long, Trà Vinh, Bắc Ninh with TP Bắc
  Ninh) and for Hà Nội and Thành phố Hồ Chí Minh. Elsewhere they are DEMO DATA: plausible, mostly
  real names, but changes of status over 2016-2024 (huyện becoming thị xã or thành phố, small
  district mergers) are not modelled, and a few island districts without their own procuracy are
  left out. Two earlier reorganisations are modelled because they exercise dated names and
  successions: TP Thủ Đức (Thành phố Hồ Chí Minh, 2021-01-01, from Quận 2, Quận 9 and quận Thủ Đức)
  and thành phố Huế becoming a centrally-run city (2025-01-01: the provincial procuracy is renamed,
  the district-level TP Huế is split into quận Phú Xuân and quận Thuận Hóa).
- The 355 regional procuracies ("Viện kiểm sát nhân dân khu vực N - <Tỉnh>") are spread over the 34
  provinces in proportion to the former districts (units-2025.md allows this); which former
  districts form which regional unit is DEMO DATA: consecutive districts of one former province,
  numbered from the new province's seat.
- The departments of VKSND tối cao are the well-known ones; their staff numbers are plausible only.
- The emulation clusters (cụm thi đua) before 2025 follow the few compositions the press reported
  (Cụm 6 Bắc Trung Bộ, Cụm 7 Tây Nguyên, Cụm 8 duyên hải Nam Trung Bộ); the others and the 2025
  regrouping of the 34 are DEMO DATA.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

REORG_DAY = dt.date(2025, 7, 1)
REORG_BASIS = "Nghị quyết 84/2025/UBTVQH15"
CENTRAL_REORG_BASIS = "Sắp xếp tổ chức bộ máy Viện kiểm sát nhân dân từ ngày 01/07/2025"
REGIONAL_TOTAL = 355

# Prefixes in the district strings below: "TP " thành phố, "TX " thị xã, "Q " quận, none = huyện.
DISTRICT_TYPES = {"TP": ("thành phố", "TP"), "TX": ("thị xã", "thị xã"), "Q": ("quận", "quận")}
HUYEN = ("huyện", "huyện")


@dataclass(frozen=True)
class Province:
    slug: str
    name: str  # "Quảng Bình", "Hà Nội", "Hồ Chí Minh"
    kind: str  # "tỉnh", "thành phố", "Thành phố"
    cccd: str  # three-digit province code of the citizen ID
    region: str  # N, C, S, plus "mn" (northern mountains) or "km" (Khmer communities)
    districts: str
    vp_suffix: bool = False  # decisions numbered "…/QĐ-VKS-VP" rather than "…/QĐ-VKS"

    @property
    def full(self) -> str:
        return f"{self.kind} {self.name}"


P = Province
# fmt: off
PROVINCES: list[Province] = [
    P("ha-noi", "Hà Nội", "thành phố", "001", "N",
      "Q Ba Đình|Q Hoàn Kiếm|Q Tây Hồ|Q Long Biên|Q Cầu Giấy|Q Đống Đa|Q Hai Bà Trưng|Q Hoàng Mai|"
      "Q Thanh Xuân|Q Nam Từ Liêm|Q Bắc Từ Liêm|Q Hà Đông|TX Sơn Tây|Sóc Sơn|Đông Anh|Gia Lâm|"
      "Thanh Trì|Mê Linh|Ba Vì|Phúc Thọ|Đan Phượng|Hoài Đức|Quốc Oai|Thạch Thất|Chương Mỹ|"
      "Thanh Oai|Thường Tín|Phú Xuyên|Ứng Hòa|Mỹ Đức", True),
    P("ha-giang", "Hà Giang", "tỉnh", "002", "Nmn",
      "TP Hà Giang|Vị Xuyên|Bắc Quang|Quang Bình|Hoàng Su Phì|Xín Mần|Bắc Mê|Quản Bạ|Yên Minh|"
      "Đồng Văn|Mèo Vạc"),
    P("cao-bang", "Cao Bằng", "tỉnh", "004", "Nmn",
      "TP Cao Bằng|Hòa An|Nguyên Bình|Thạch An|Quảng Hòa|Hạ Lang|Trùng Khánh|Hà Quảng|Bảo Lạc|"
      "Bảo Lâm"),
    P("bac-kan", "Bắc Kạn", "tỉnh", "006", "Nmn",
      "TP Bắc Kạn|Bạch Thông|Chợ Mới|Chợ Đồn|Na Rì|Ngân Sơn|Ba Bể|Pác Nặm"),
    P("tuyen-quang", "Tuyên Quang", "tỉnh", "008", "Nmn",
      "TP Tuyên Quang|Yên Sơn|Sơn Dương|Hàm Yên|Chiêm Hóa|Na Hang|Lâm Bình"),
    P("lao-cai", "Lào Cai", "tỉnh", "010", "Nmn",
      "TP Lào Cai|Bảo Thắng|Bát Xát|Mường Khương|TX Sa Pa|Bắc Hà|Si Ma Cai|Bảo Yên|Văn Bàn"),
    P("dien-bien", "Điện Biên", "tỉnh", "011", "Nmn",
      "TP Điện Biên Phủ|Điện Biên|Điện Biên Đông|Mường Ảng|Tuần Giáo|Tủa Chùa|Mường Chà|"
      "TX Mường Lay|Nậm Pồ|Mường Nhé"),
    P("lai-chau", "Lai Châu", "tỉnh", "012", "Nmn",
      "TP Lai Châu|Tam Đường|Phong Thổ|Sìn Hồ|Mường Tè|Nậm Nhùn|Than Uyên|Tân Uyên"),
    P("son-la", "Sơn La", "tỉnh", "014", "Nmn",
      "TP Sơn La|Mai Sơn|Thuận Châu|Mường La|Quỳnh Nhai|Yên Châu|Mộc Châu|Vân Hồ|Phù Yên|"
      "Bắc Yên|Sông Mã|Sốp Cộp"),
    P("yen-bai", "Yên Bái", "tỉnh", "015", "Nmn",
      "TP Yên Bái|Trấn Yên|Yên Bình|Lục Yên|Văn Yên|Văn Chấn|TX Nghĩa Lộ|Trạm Tấu|Mù Cang Chải"),
    P("hoa-binh", "Hòa Bình", "tỉnh", "017", "Nmn",
      "TP Hòa Bình|Đà Bắc|Lương Sơn|Kim Bôi|Cao Phong|Tân Lạc|Mai Châu|Lạc Sơn|Yên Thủy|"
      "Lạc Thủy"),
    P("thai-nguyen", "Thái Nguyên", "tỉnh", "019", "N",
      "TP Thái Nguyên|TP Sông Công|TP Phổ Yên|Phú Bình|Đồng Hỷ|Võ Nhai|Phú Lương|Định Hóa|Đại Từ"),
    P("lang-son", "Lạng Sơn", "tỉnh", "020", "Nmn",
      "TP Lạng Sơn|Cao Lộc|Văn Lãng|Tràng Định|Bình Gia|Văn Quan|Bắc Sơn|Hữu Lũng|Chi Lăng|"
      "Lộc Bình|Đình Lập"),
    P("quang-ninh", "Quảng Ninh", "tỉnh", "022", "N",
      "TP Hạ Long|TP Cẩm Phả|TP Uông Bí|TP Đông Triều|TX Quảng Yên|TP Móng Cái|Hải Hà|Đầm Hà|"
      "Tiên Yên|Bình Liêu|Ba Chẽ|Vân Đồn|Cô Tô", True),
    P("bac-giang", "Bắc Giang", "tỉnh", "024", "N",
      "TP Bắc Giang|Yên Dũng|TX Việt Yên|Hiệp Hòa|Tân Yên|Yên Thế|Lạng Giang|Lục Nam|Lục Ngạn|"
      "Sơn Động"),
    P("phu-tho", "Phú Thọ", "tỉnh", "025", "N",
      "TP Việt Trì|TX Phú Thọ|Lâm Thao|Phù Ninh|Đoan Hùng|Hạ Hòa|Thanh Ba|Cẩm Khê|Yên Lập|"
      "Tam Nông|Thanh Thủy|Thanh Sơn|Tân Sơn"),
    P("vinh-phuc", "Vĩnh Phúc", "tỉnh", "026", "N",
      "TP Vĩnh Yên|TP Phúc Yên|Bình Xuyên|Yên Lạc|Vĩnh Tường|Tam Dương|Tam Đảo|Lập Thạch|Sông Lô"),
    P("bac-ninh", "Bắc Ninh", "tỉnh", "027", "N",
      "TP Bắc Ninh|TP Từ Sơn|Tiên Du|Yên Phong|TX Quế Võ|TX Thuận Thành|Gia Bình|Lương Tài"),
    P("hai-duong", "Hải Dương", "tỉnh", "030", "N",
      "TP Hải Dương|TP Chí Linh|TX Kinh Môn|Nam Sách|Kim Thành|Thanh Hà|Cẩm Giàng|Bình Giang|"
      "Gia Lộc|Tứ Kỳ|Ninh Giang|Thanh Miện"),
    P("hai-phong", "Hải Phòng", "thành phố", "031", "N",
      "Q Hồng Bàng|Q Ngô Quyền|Q Lê Chân|Q Hải An|Q Kiến An|Q Đồ Sơn|Q Dương Kinh|Thủy Nguyên|"
      "An Dương|An Lão|Kiến Thụy|Tiên Lãng|Vĩnh Bảo|Cát Hải", True),
    P("hung-yen", "Hưng Yên", "tỉnh", "033", "N",
      "TP Hưng Yên|Tiên Lữ|Phù Cừ|Kim Động|Ân Thi|Khoái Châu|Yên Mỹ|TX Mỹ Hào|Văn Lâm|Văn Giang"),
    P("thai-binh", "Thái Bình", "tỉnh", "034", "N",
      "TP Thái Bình|Vũ Thư|Kiến Xương|Tiền Hải|Thái Thụy|Quỳnh Phụ|Hưng Hà|Đông Hưng"),
    P("ha-nam", "Hà Nam", "tỉnh", "035", "N",
      "TP Phủ Lý|TX Duy Tiên|TX Kim Bảng|Thanh Liêm|Bình Lục|Lý Nhân"),
    P("nam-dinh", "Nam Định", "tỉnh", "036", "N",
      "TP Nam Định|Mỹ Lộc|Vụ Bản|Ý Yên|Nam Trực|Trực Ninh|Xuân Trường|Giao Thủy|Hải Hậu|"
      "Nghĩa Hưng"),
    P("ninh-binh", "Ninh Bình", "tỉnh", "037", "N",
      "TP Ninh Bình|TP Tam Điệp|Hoa Lư|Gia Viễn|Nho Quan|Yên Khánh|Yên Mô|Kim Sơn"),
    P("thanh-hoa", "Thanh Hóa", "tỉnh", "038", "N",
      "TP Thanh Hóa|TP Sầm Sơn|TX Bỉm Sơn|TX Nghi Sơn|Hoằng Hóa|Quảng Xương|Hậu Lộc|Nga Sơn|"
      "Hà Trung|Thiệu Hóa|Yên Định|Vĩnh Lộc|Thọ Xuân|Triệu Sơn|Nông Cống|Như Thanh|Như Xuân|"
      "Thường Xuân|Ngọc Lặc|Cẩm Thủy|Thạch Thành|Lang Chánh|Bá Thước|Quan Hóa|Quan Sơn|"
      "Mường Lát", True),
    P("nghe-an", "Nghệ An", "tỉnh", "040", "N",
      "TP Vinh|TX Cửa Lò|Nghi Lộc|Hưng Nguyên|Nam Đàn|Diễn Châu|Yên Thành|Quỳnh Lưu|TX Hoàng Mai|"
      "Đô Lương|Thanh Chương|Anh Sơn|Con Cuông|Tương Dương|Kỳ Sơn|Tân Kỳ|Nghĩa Đàn|TX Thái Hòa|"
      "Quỳ Hợp|Quỳ Châu|Quế Phong", True),
    P("ha-tinh", "Hà Tĩnh", "tỉnh", "042", "N",
      "TP Hà Tĩnh|Thạch Hà|Cẩm Xuyên|TX Kỳ Anh|Kỳ Anh|Lộc Hà|Can Lộc|TX Hồng Lĩnh|Nghi Xuân|"
      "Đức Thọ|Hương Sơn|Vũ Quang|Hương Khê"),
    P("quang-binh", "Quảng Bình", "tỉnh", "044", "C",
      "TP Đồng Hới|Bố Trạch|Quảng Ninh|Lệ Thủy|Quảng Trạch|TX Ba Đồn|Tuyên Hóa|Minh Hóa"),
    P("quang-tri", "Quảng Trị", "tỉnh", "045", "C",
      "TP Đông Hà|Cam Lộ|Triệu Phong|TX Quảng Trị|Hải Lăng|Gio Linh|Vĩnh Linh|Hướng Hóa|Đakrông"),
    P("thua-thien-hue", "Thừa Thiên Huế", "tỉnh", "046", "C",
      "TP Huế|TX Hương Thủy|TX Hương Trà|TX Phong Điền|Quảng Điền|Phú Vang|Phú Lộc|Nam Đông|"
      "A Lưới"),
    P("da-nang", "Đà Nẵng", "thành phố", "048", "C",
      "Q Hải Châu|Q Thanh Khê|Q Sơn Trà|Q Ngũ Hành Sơn|Q Liên Chiểu|Q Cẩm Lệ|Hòa Vang", True),
    P("quang-nam", "Quảng Nam", "tỉnh", "049", "C",
      "TP Tam Kỳ|Phú Ninh|Núi Thành|Thăng Bình|Quế Sơn|Nông Sơn|Duy Xuyên|TX Điện Bàn|TP Hội An|"
      "Đại Lộc|Đông Giang|Tây Giang|Nam Giang|Hiệp Đức|Tiên Phước|Phước Sơn|Bắc Trà My|"
      "Nam Trà My"),
    P("quang-ngai", "Quảng Ngãi", "tỉnh", "051", "C",
      "TP Quảng Ngãi|Bình Sơn|Sơn Tịnh|Tư Nghĩa|Nghĩa Hành|Mộ Đức|TX Đức Phổ|Ba Tơ|Minh Long|"
      "Sơn Hà|Sơn Tây|Trà Bồng|Lý Sơn"),
    P("binh-dinh", "Bình Định", "tỉnh", "052", "C",
      "TP Quy Nhơn|Tuy Phước|TX An Nhơn|Phù Cát|Tây Sơn|Vân Canh|Vĩnh Thạnh|Phù Mỹ|TX Hoài Nhơn|"
      "Hoài Ân|An Lão"),
    P("phu-yen", "Phú Yên", "tỉnh", "054", "C",
      "TP Tuy Hòa|Phú Hòa|TX Đông Hòa|Tây Hòa|Sơn Hòa|Sông Hinh|Tuy An|Đồng Xuân|TX Sông Cầu"),
    P("khanh-hoa", "Khánh Hòa", "tỉnh", "056", "C",
      "TP Nha Trang|TP Cam Ranh|Cam Lâm|Diên Khánh|Khánh Vĩnh|Khánh Sơn|TX Ninh Hòa|Vạn Ninh"),
    P("ninh-thuan", "Ninh Thuận", "tỉnh", "058", "C",
      "TP Phan Rang - Tháp Chàm|Ninh Hải|Ninh Phước|Ninh Sơn|Bác Ái|Thuận Bắc|Thuận Nam"),
    P("binh-thuan", "Bình Thuận", "tỉnh", "060", "C",
      "TP Phan Thiết|Hàm Thuận Bắc|Hàm Thuận Nam|Bắc Bình|Tuy Phong|Hàm Tân|TX La Gi|Tánh Linh|"
      "Đức Linh|Phú Quý"),
    P("kon-tum", "Kon Tum", "tỉnh", "062", "C",
      "TP Kon Tum|Đắk Hà|Đắk Tô|Ngọc Hồi|Đắk Glei|Tu Mơ Rông|Kon Plông|Kon Rẫy|Sa Thầy|Ia H'Drai"),
    P("gia-lai", "Gia Lai", "tỉnh", "064", "C",
      "TP Pleiku|Chư Păh|Ia Grai|Đức Cơ|Chư Prông|Chư Sê|Chư Pưh|Đak Đoa|Mang Yang|TX An Khê|"
      "Đak Pơ|KBang|Kông Chro|TX Ayun Pa|Ia Pa|Krông Pa|Phú Thiện"),
    P("dak-lak", "Đắk Lắk", "tỉnh", "066", "C",
      "TP Buôn Ma Thuột|Cư Kuin|Krông Pắc|Krông A Na|Lắk|Krông Bông|Ea Kar|M'Đrắk|Krông Năng|"
      "TX Buôn Hồ|Krông Búk|Cư M'gar|Buôn Đôn|Ea Súp|Ea H'leo", True),
    P("dak-nong", "Đắk Nông", "tỉnh", "067", "C",
      "TP Gia Nghĩa|Đắk Glong|Đắk R'Lấp|Tuy Đức|Đắk Song|Đắk Mil|Cư Jút|Krông Nô"),
    P("lam-dong", "Lâm Đồng", "tỉnh", "068", "C",
      "TP Đà Lạt|Lạc Dương|Đơn Dương|Đức Trọng|Lâm Hà|Đam Rông|Di Linh|TP Bảo Lộc|Bảo Lâm|"
      "Đạ Huoai|Đạ Tẻh|Cát Tiên"),
    P("binh-phuoc", "Bình Phước", "tỉnh", "070", "S",
      "TP Đồng Xoài|Đồng Phú|TX Chơn Thành|Hớn Quản|TX Bình Long|Lộc Ninh|Bù Đốp|TX Phước Long|"
      "Bù Gia Mập|Phú Riềng|Bù Đăng"),
    P("tay-ninh", "Tây Ninh", "tỉnh", "072", "S",
      "TP Tây Ninh|TX Hòa Thành|Châu Thành|Dương Minh Châu|Tân Biên|Tân Châu|Gò Dầu|Bến Cầu|"
      "TX Trảng Bàng"),
    P("binh-duong", "Bình Dương", "tỉnh", "074", "S",
      "TP Thủ Dầu Một|TP Thuận An|TP Dĩ An|TP Tân Uyên|TP Bến Cát|Bàu Bàng|Dầu Tiếng|Phú Giáo|"
      "Bắc Tân Uyên"),
    P("dong-nai", "Đồng Nai", "tỉnh", "075", "S",
      "TP Biên Hòa|Vĩnh Cửu|Trảng Bom|Thống Nhất|Long Thành|Nhơn Trạch|Cẩm Mỹ|TP Long Khánh|"
      "Xuân Lộc|Định Quán|Tân Phú", True),
    P("ba-ria-vung-tau", "Bà Rịa - Vũng Tàu", "tỉnh", "077", "S",
      "TP Vũng Tàu|TP Bà Rịa|TX Phú Mỹ|Châu Đức|Long Điền|Đất Đỏ|Xuyên Mộc|Côn Đảo"),
    P("ho-chi-minh", "Hồ Chí Minh", "Thành phố", "079", "S",
      "Q 1|Q 3|Q 4|Q 5|Q 6|Q 7|Q 8|Q 10|Q 11|Q 12|Q Bình Thạnh|Q Gò Vấp|Q Phú Nhuận|Q Tân Bình|"
      "Q Tân Phú|Q Bình Tân|Q 2|Q 9|Q Thủ Đức|Củ Chi|Hóc Môn|Bình Chánh|Nhà Bè|Cần Giờ", True),
    P("long-an", "Long An", "tỉnh", "080", "S",
      "TP Tân An|Châu Thành|Tân Trụ|Thủ Thừa|Bến Lức|Cần Đước|Cần Giuộc|Đức Hòa|Đức Huệ|"
      "Thạnh Hóa|Tân Thạnh|TX Kiến Tường|Mộc Hóa|Vĩnh Hưng|Tân Hưng"),
    P("tien-giang", "Tiền Giang", "tỉnh", "082", "S",
      "TP Mỹ Tho|Châu Thành|Chợ Gạo|Tân Phước|TX Cai Lậy|Cai Lậy|Cái Bè|TX Gò Công|Gò Công Đông|"
      "Gò Công Tây|Tân Phú Đông"),
    P("ben-tre", "Bến Tre", "tỉnh", "083", "S",
      "TP Bến Tre|Châu Thành|Bình Đại|Giồng Trôm|Ba Tri|Mỏ Cày Nam|Mỏ Cày Bắc|Chợ Lách|"
      "Thạnh Phú"),
    P("tra-vinh", "Trà Vinh", "tỉnh", "084", "Skm",
      "TP Trà Vinh|Châu Thành|Càng Long|Cầu Kè|Tiểu Cần|Cầu Ngang|Trà Cú|Duyên Hải|TX Duyên Hải"),
    P("vinh-long", "Vĩnh Long", "tỉnh", "086", "S",
      "TP Vĩnh Long|Long Hồ|Mang Thít|Vũng Liêm|Tam Bình|Trà Ôn|TX Bình Minh|Bình Tân"),
    P("dong-thap", "Đồng Tháp", "tỉnh", "087", "S",
      "TP Cao Lãnh|Cao Lãnh|TP Sa Đéc|Lai Vung|Lấp Vò|Châu Thành|Tháp Mười|Thanh Bình|Tam Nông|"
      "TP Hồng Ngự|Hồng Ngự|Tân Hồng"),
    P("an-giang", "An Giang", "tỉnh", "089", "Skm",
      "TP Long Xuyên|Châu Thành|Thoại Sơn|Chợ Mới|Châu Phú|TP Châu Đốc|TX Tịnh Biên|Tri Tôn|"
      "An Phú|TX Tân Châu|Phú Tân"),
    P("kien-giang", "Kiên Giang", "tỉnh", "091", "Skm",
      "TP Rạch Giá|Châu Thành|Tân Hiệp|Hòn Đất|Kiên Lương|TP Hà Tiên|Giang Thành|Giồng Riềng|"
      "Gò Quao|An Biên|An Minh|U Minh Thượng|Vĩnh Thuận|Kiên Hải|TP Phú Quốc"),
    P("can-tho", "Cần Thơ", "thành phố", "092", "S",
      "Q Ninh Kiều|Q Bình Thủy|Q Cái Răng|Q Ô Môn|Q Thốt Nốt|Phong Điền|Cờ Đỏ|Thới Lai|Vĩnh Thạnh",
      True),
    P("hau-giang", "Hậu Giang", "tỉnh", "093", "S",
      "TP Vị Thanh|Vị Thủy|TX Long Mỹ|Long Mỹ|Phụng Hiệp|TP Ngã Bảy|Châu Thành|Châu Thành A"),
    P("soc-trang", "Sóc Trăng", "tỉnh", "094", "Skm",
      "TP Sóc Trăng|Châu Thành|Mỹ Tú|Kế Sách|Cù Lao Dung|Long Phú|Mỹ Xuyên|Trần Đề|Thạnh Trị|"
      "TX Ngã Năm|TX Vĩnh Châu"),
    P("bac-lieu", "Bạc Liêu", "tỉnh", "095", "S",
      "TP Bạc Liêu|Vĩnh Lợi|Hòa Bình|TX Giá Rai|Đông Hải|Phước Long|Hồng Dân"),
    P("ca-mau", "Cà Mau", "tỉnh", "096", "S",
      "TP Cà Mau|Thới Bình|U Minh|Trần Văn Thời|Cái Nước|Phú Tân|Đầm Dơi|Năm Căn|Ngọc Hiển"),
]
# fmt: on
PROVINCE_BY_SLUG = {p.slug: p for p in PROVINCES}


@dataclass(frozen=True)
class NewProvince:
    slug: str
    name: str
    kind: str
    sources: tuple[str, ...]  # former provinces, the seat first


# The 11 unchanged provincial procuracies continue as the same units.
UNCHANGED = [
    "cao-bang",
    "dien-bien",
    "ha-tinh",
    "lai-chau",
    "lang-son",
    "nghe-an",
    "quang-ninh",
    "thanh-hoa",
    "son-la",
    "ha-noi",
    "thua-thien-hue",
]

N = NewProvince
# fmt: off
MERGED: list[NewProvince] = [
    N("tuyen-quang", "Tuyên Quang", "tỉnh", ("tuyen-quang", "ha-giang")),
    N("lao-cai", "Lào Cai", "tỉnh", ("yen-bai", "lao-cai")),
    N("thai-nguyen", "Thái Nguyên", "tỉnh", ("thai-nguyen", "bac-kan")),
    N("phu-tho", "Phú Thọ", "tỉnh", ("phu-tho", "vinh-phuc", "hoa-binh")),
    N("bac-ninh", "Bắc Ninh", "tỉnh", ("bac-giang", "bac-ninh")),
    N("hung-yen", "Hưng Yên", "tỉnh", ("hung-yen", "thai-binh")),
    N("hai-phong", "Hải Phòng", "thành phố", ("hai-phong", "hai-duong")),
    N("ninh-binh", "Ninh Bình", "tỉnh", ("ninh-binh", "nam-dinh", "ha-nam")),
    N("quang-tri", "Quảng Trị", "tỉnh", ("quang-binh", "quang-tri")),
    N("da-nang", "Đà Nẵng", "thành phố", ("da-nang", "quang-nam")),
    N("quang-ngai", "Quảng Ngãi", "tỉnh", ("quang-ngai", "kon-tum")),
    N("gia-lai", "Gia Lai", "tỉnh", ("binh-dinh", "gia-lai")),
    N("khanh-hoa", "Khánh Hòa", "tỉnh", ("khanh-hoa", "ninh-thuan")),
    N("lam-dong", "Lâm Đồng", "tỉnh", ("lam-dong", "dak-nong", "binh-thuan")),
    N("dak-lak", "Đắk Lắk", "tỉnh", ("dak-lak", "phu-yen")),
    N("ho-chi-minh", "Hồ Chí Minh", "Thành phố", ("ho-chi-minh", "binh-duong", "ba-ria-vung-tau")),
    N("dong-nai", "Đồng Nai", "tỉnh", ("dong-nai", "binh-phuoc")),
    N("tay-ninh", "Tây Ninh", "tỉnh", ("long-an", "tay-ninh")),
    N("can-tho", "Cần Thơ", "thành phố", ("can-tho", "soc-trang", "hau-giang")),
    N("vinh-long", "Vĩnh Long", "tỉnh", ("vinh-long", "ben-tre", "tra-vinh")),
    N("dong-thap", "Đồng Tháp", "tỉnh", ("tien-giang", "dong-thap")),
    N("ca-mau", "Cà Mau", "tỉnh", ("ca-mau", "bac-lieu")),
    N("an-giang", "An Giang", "tỉnh", ("kien-giang", "an-giang")),
]

# fmt: on
# Name of the 34 from 2025-07-01 as used in "khu vực N - <name>".
NEW_PROVINCES: list[NewProvince] = [
    *(N(s, PROVINCE_BY_SLUG[s].name, PROVINCE_BY_SLUG[s].kind, (s,)) for s in UNCHANGED),
    *MERGED,
]
# Thừa Thiên Huế became thành phố Huế on 2025-01-01; it is listed unchanged above under its slug.
NEW_NAME_OVERRIDES = {"thua-thien-hue": ("Huế", "thành phố")}
# "Viện kiểm sát nhân dân khu vực 1 - Hà Nội", but "… - Thành phố Hồ Chí Minh".
REGIONAL_SUFFIX = {"ho-chi-minh": "Thành phố Hồ Chí Minh"}


@dataclass(frozen=True)
class DistrictEvent:
    """An earlier reorganisation of district-level procuracies (people move with it)."""

    day: dt.date
    province: str
    predecessors: tuple[str, ...]  # district labels as in the province string
    successors: tuple[str, ...]
    kind: str  # merger or split
    legal_basis: str


DISTRICT_EVENTS = [
    DistrictEvent(
        dt.date(2021, 1, 1),
        "ho-chi-minh",
        ("Q 2", "Q 9", "Q Thủ Đức"),
        ("TP Thủ Đức",),
        "merger",
        "Nghị quyết 1111/NQ-UBTVQH14",
    ),
    DistrictEvent(
        dt.date(2025, 1, 1),
        "thua-thien-hue",
        ("TP Huế",),
        ("Q Thuận Hóa", "Q Phú Xuân"),
        "split",
        "Nghị quyết 1314/NQ-UBTVQH15",
    ),
]
HUE_DAY = dt.date(2025, 1, 1)


@dataclass(frozen=True)
class Department:
    slug: str
    name: str
    short: str
    abbr: str  # in decision numbers: "…/QĐ-<abbr>"
    staff: int
    head: str
    deputy: str
    level: str = "don_vi_tc"
    head_is_vien_truong: bool = False


D = Department
# fmt: off
DEPARTMENTS: list[Department] = [
    D("vp", "Văn phòng Viện kiểm sát nhân dân tối cao", "Văn phòng VKSNDTC", "VP", 110,
      "Chánh Văn phòng", "Phó Chánh Văn phòng"),
    D("an-ninh", "Vụ Thực hành quyền công tố và kiểm sát điều tra án an ninh",
      "Vụ THQCT-KSĐT án an ninh", "V1", 30, "Vụ trưởng", "Phó Vụ trưởng"),
    D("trat-tu", "Vụ Thực hành quyền công tố và kiểm sát điều tra án trật tự xã hội",
      "Vụ THQCT-KSĐT án trật tự xã hội", "V2", 40, "Vụ trưởng", "Phó Vụ trưởng"),
    D("kinh-te", "Vụ Thực hành quyền công tố và kiểm sát điều tra án kinh tế",
      "Vụ THQCT-KSĐT án kinh tế", "V3", 40, "Vụ trưởng", "Phó Vụ trưởng"),
    D("ma-tuy", "Vụ Thực hành quyền công tố và kiểm sát điều tra án ma túy",
      "Vụ THQCT-KSĐT án ma túy", "V4", 30, "Vụ trưởng", "Phó Vụ trưởng"),
    D("tham-nhung", "Vụ Thực hành quyền công tố và kiểm sát điều tra án tham nhũng, chức vụ",
      "Vụ THQCT-KSĐT án tham nhũng, chức vụ", "V6", 45, "Vụ trưởng", "Phó Vụ trưởng"),
    D("gdt-hinh-su",
      "Vụ Thực hành quyền công tố và kiểm sát xét xử giám đốc thẩm, tái thẩm án hình sự",
      "Vụ KSXX giám đốc thẩm, tái thẩm án hình sự", "V7", 30, "Vụ trưởng", "Phó Vụ trưởng"),
    D("tam-giam", "Vụ Kiểm sát việc tạm giữ, tạm giam và thi hành án hình sự",
      "Vụ KS tạm giữ, tạm giam, THAHS", "V8", 30, "Vụ trưởng", "Phó Vụ trưởng"),
    D("dan-su", "Vụ Kiểm sát việc giải quyết các vụ, việc dân sự, hôn nhân và gia đình",
      "Vụ KS dân sự, hôn nhân và gia đình", "V9", 35, "Vụ trưởng", "Phó Vụ trưởng"),
    D("hanh-chinh",
      "Vụ Kiểm sát việc giải quyết các vụ án hành chính, vụ việc kinh doanh, thương mại, lao động",
      "Vụ KS hành chính, KDTM, lao động", "V10", 30, "Vụ trưởng", "Phó Vụ trưởng"),
    D("thads", "Vụ Kiểm sát thi hành án dân sự", "Vụ KS thi hành án dân sự", "V11", 25,
      "Vụ trưởng", "Phó Vụ trưởng"),
    D("khieu-to", "Vụ Kiểm sát và giải quyết đơn khiếu nại, tố cáo trong hoạt động tư pháp",
      "Vụ KS khiếu nại, tố cáo", "V12", 30, "Vụ trưởng", "Phó Vụ trưởng"),
    D("htqt", "Vụ Hợp tác quốc tế và tương trợ tư pháp về hình sự", "Vụ Hợp tác quốc tế",
      "V13", 25, "Vụ trưởng", "Phó Vụ trưởng"),
    D("phap-che", "Vụ Pháp chế và Quản lý khoa học", "Vụ Pháp chế và QLKH", "V14", 25,
      "Vụ trưởng", "Phó Vụ trưởng"),
    D("tccb", "Vụ Tổ chức cán bộ", "Vụ Tổ chức cán bộ", "V15", 35, "Vụ trưởng", "Phó Vụ trưởng"),
    D("tdkt", "Vụ Thi đua - Khen thưởng", "Vụ Thi đua - Khen thưởng", "V16", 15, "Vụ trưởng",
      "Phó Vụ trưởng"),
    D("thanh-tra", "Thanh tra Viện kiểm sát nhân dân tối cao", "Thanh tra VKSNDTC", "TTr", 25,
      "Chánh Thanh tra", "Phó Chánh Thanh tra"),
    D("cqdt", "Cơ quan điều tra Viện kiểm sát nhân dân tối cao", "Cơ quan điều tra VKSNDTC",
      "CQĐT", 70, "Thủ trưởng Cơ quan điều tra", "Phó Thủ trưởng Cơ quan điều tra"),
    D("cuc-thong-ke", "Cục Thống kê tội phạm và công nghệ thông tin",
      "Cục Thống kê tội phạm và CNTT", "C2", 40, "Cục trưởng", "Phó Cục trưởng"),
    D("cuc-khtc", "Cục Kế hoạch - Tài chính", "Cục Kế hoạch - Tài chính", "C3", 40,
      "Cục trưởng", "Phó Cục trưởng"),
    D("dhks", "Trường Đại học Kiểm sát Hà Nội", "Trường Đại học Kiểm sát Hà Nội", "ĐHKSHN", 120,
      "Hiệu trưởng", "Phó Hiệu trưởng"),
    D("truong-hcm", "Trường Đào tạo, bồi dưỡng nghiệp vụ kiểm sát tại Thành phố Hồ Chí Minh",
      "Trường Đào tạo, bồi dưỡng nghiệp vụ kiểm sát tại TP HCM", "T2", 40, "Hiệu trưởng",
      "Phó Hiệu trưởng"),
    D("vien-khoa-hoc", "Viện Khoa học kiểm sát", "Viện Khoa học kiểm sát", "VKH", 30,
      "Viện trưởng", "Phó Viện trưởng"),
    D("tap-chi", "Tạp chí Kiểm sát", "Tạp chí Kiểm sát", "TCKS", 20, "Tổng Biên tập",
      "Phó Tổng Biên tập"),
    D("bao-bvpl", "Báo Bảo vệ pháp luật", "Báo Bảo vệ pháp luật", "BVPL", 45, "Tổng Biên tập",
      "Phó Tổng Biên tập"),
    D("vksqstw", "Viện kiểm sát quân sự trung ương", "VKSQS trung ương", "VKSQSTW", 25,
      "Viện trưởng", "Phó Viện trưởng", level="quan_su", head_is_vien_truong=True),
]
# fmt: on
# Vụ Thi đua - Khen thưởng is folded into Văn phòng from 2025-07-01 (its staff become the Phòng
# Thi đua - Khen thưởng of Văn phòng, legal-facts.md §1.3).
DEPARTMENT_TRANSFERS = {"tdkt": "vp"}
DEPARTMENT_RENAMES = {
    "cuc-thong-ke": (
        REORG_DAY,
        "Cục Thống kê tội phạm và chuyển đổi số",
        "Cục Thống kê tội phạm và chuyển đổi số",
    ),
}


@dataclass(frozen=True)
class HighProcuracy:
    slug: str
    place: str
    abbr: str
    staff: int


HIGH_PROCURACIES = [
    HighProcuracy("ha-noi", "Hà Nội", "VC1", 170),
    HighProcuracy("da-nang", "Đà Nẵng", "VC2", 110),
    HighProcuracy("ho-chi-minh", "Thành phố Hồ Chí Minh", "VC3", 160),
]
HIGH_ESTABLISHED = dt.date(2015, 6, 1)

# The internal offices (phòng) of every provincial procuracy: (slug, name, short, weight).
# fmt: off
OFFICES: list[tuple[str, str, str, float]] = [
    ("vp", "Văn phòng", "Văn phòng", 1.6),
    ("p1", "Phòng Thực hành quyền công tố và kiểm sát điều tra án hình sự",
     "Phòng THQCT-KSĐT", 1.3),
    ("p2", "Phòng Thực hành quyền công tố và kiểm sát xét xử án hình sự", "Phòng THQCT-KSXX", 1.2),
    ("p3", "Phòng Kiểm sát việc tạm giữ, tạm giam và thi hành án hình sự",
     "Phòng KS tạm giữ, tạm giam, THAHS", 0.8),
    ("p4", "Phòng Kiểm sát việc giải quyết các vụ, việc dân sự, hôn nhân và gia đình",
     "Phòng KS dân sự, HNGĐ", 0.9),
    ("p5", "Phòng Kiểm sát việc giải quyết các vụ án hành chính, kinh doanh, thương mại, lao động "
     "và thi hành án dân sự", "Phòng KS hành chính, KDTM, THADS", 0.8),
    ("p6", "Phòng Kiểm sát và giải quyết đơn khiếu nại, tố cáo trong hoạt động tư pháp",
     "Phòng KS khiếu tố", 0.6),
    ("p7", "Phòng Tổ chức cán bộ", "Phòng TCCB", 0.6),
]


@dataclass(frozen=True)
class ClusterSpec:
    name: str
    members: tuple[str, ...]  # province slugs (old ones before 2025, new ones for 2025)


CLUSTERS_BEFORE_2025 = [
    ClusterSpec("Cụm thi đua số 1 (các thành phố trực thuộc trung ương)",
                ("ha-noi", "ho-chi-minh", "hai-phong", "da-nang", "can-tho")),
    ClusterSpec("Cụm thi đua số 2 (Đông Bắc)",
                ("thai-nguyen", "bac-giang", "lang-son", "cao-bang", "bac-kan", "ha-giang",
                 "tuyen-quang")),
    ClusterSpec("Cụm thi đua số 3 (Tây Bắc)",
                ("phu-tho", "yen-bai", "lao-cai", "lai-chau", "dien-bien", "son-la", "hoa-binh")),
    ClusterSpec("Cụm thi đua số 4 (Đồng bằng sông Hồng)",
                ("quang-ninh", "bac-ninh", "vinh-phuc", "hai-duong", "hung-yen", "thai-binh",
                 "ha-nam", "nam-dinh", "ninh-binh")),
    ClusterSpec("Cụm thi đua số 6 (Bắc Trung Bộ)",
                ("nghe-an", "quang-tri", "thanh-hoa", "ha-tinh", "quang-binh", "thua-thien-hue")),
    ClusterSpec("Cụm thi đua số 7 (Tây Nguyên)",
                ("lam-dong", "dak-nong", "dak-lak", "gia-lai", "kon-tum")),
    ClusterSpec("Cụm thi đua số 8 (duyên hải Nam Trung Bộ)",
                ("quang-nam", "quang-ngai", "binh-dinh", "phu-yen", "khanh-hoa", "ninh-thuan")),
    ClusterSpec("Cụm thi đua số 9 (Đông Nam Bộ)",
                ("binh-duong", "dong-nai", "ba-ria-vung-tau", "binh-phuoc", "tay-ninh",
                 "binh-thuan", "long-an")),
    ClusterSpec("Cụm thi đua số 10 (đồng bằng sông Cửu Long)",
                ("tien-giang", "ben-tre", "tra-vinh", "vinh-long", "dong-thap", "an-giang",
                 "kien-giang", "hau-giang", "soc-trang", "bac-lieu", "ca-mau")),
]
CLUSTERS_2025 = [
    ClusterSpec("Cụm thi đua số 1 (các thành phố trực thuộc trung ương) năm 2025",
                ("ha-noi", "ho-chi-minh", "hai-phong", "da-nang", "can-tho", "thua-thien-hue")),
    ClusterSpec("Cụm thi đua số 2 (trung du và miền núi phía Bắc) năm 2025",
                ("thai-nguyen", "tuyen-quang", "cao-bang", "lang-son", "lao-cai", "dien-bien",
                 "lai-chau", "son-la", "phu-tho")),
    ClusterSpec("Cụm thi đua số 3 (đồng bằng sông Hồng và Bắc Trung Bộ) năm 2025",
                ("quang-ninh", "bac-ninh", "hung-yen", "ninh-binh", "thanh-hoa", "nghe-an",
                 "ha-tinh")),
    ClusterSpec("Cụm thi đua số 4 (Trung Bộ và Tây Nguyên) năm 2025",
                ("quang-tri", "quang-ngai", "gia-lai", "dak-lak", "khanh-hoa", "lam-dong")),
    ClusterSpec("Cụm thi đua số 5 (Nam Bộ) năm 2025",
                ("dong-nai", "tay-ninh", "vinh-long", "dong-thap", "an-giang", "ca-mau")),
]
# fmt: on
KHOI_DEPARTMENTS = "Khối thi đua các đơn vị thuộc Viện kiểm sát nhân dân tối cao"
KHOI_HIGH = "Khối thi đua các Viện kiểm sát nhân dân cấp cao"

# `--size small`: a handful of provinces covering every structural case (a merger of two with a
# regional unit formed from Quảng Bình districts, a merger of three, an unchanged province).
SMALL_PROVINCES = ("quang-binh", "quang-tri", "ben-tre", "vinh-long", "tra-vinh", "ha-tinh")
SMALL_DEPARTMENTS = ("vp", "tdkt", "tham-nhung", "tccb", "cuc-thong-ke", "vksqstw")


def parse_districts(text: str) -> list[tuple[str, str, str, str]]:
    """'TP Đồng Hới|Bố Trạch' → [(label, type word, short type, name), …]."""
    result = []
    for label in text.split("|"):
        label = label.strip()
        prefix, _, rest = label.partition(" ")
        if prefix in DISTRICT_TYPES and rest:
            word, short = DISTRICT_TYPES[prefix]
            name = rest
        else:
            (word, short), name = HUYEN, label
        if word == "quận" and name.isdigit():
            word = short = "Quận"
        result.append((label, word, short, name))
    return result


@dataclass
class Apportionment:
    """How many regional procuracies each former province contributes to its new province."""

    per_new: dict[str, int] = field(default_factory=dict)
    per_old: dict[str, int] = field(default_factory=dict)


def largest_remainder(total: int, weights: dict[str, int], minimum: int = 1) -> dict[str, int]:
    """Split `total` in proportion to `weights` (Hamilton's method), each at least `minimum`."""
    keys = list(weights)
    whole = sum(weights.values())
    quotas = {k: total * weights[k] / whole for k in keys}
    seats = {k: max(minimum, int(quotas[k])) for k in keys}
    left = total - sum(seats.values())
    order = sorted(keys, key=lambda k: (-(quotas[k] - int(quotas[k])), k))
    i = 0
    while left > 0:
        seats[order[i % len(order)]] += 1
        left -= 1
        i += 1
    while left < 0:  # minimums overshot: take back from the largest
        k = max(keys, key=lambda k: (seats[k] - quotas[k], k))
        seats[k] -= 1
        left += 1
    return seats


def districts_on_reorg_day(slug: str) -> list[str]:
    """Labels of the district-level units of a former province on 2025-06-30."""
    labels = [d[0] for d in parse_districts(PROVINCE_BY_SLUG[slug].districts)]
    for event in DISTRICT_EVENTS:
        if event.province == slug:
            at = labels.index(event.predecessors[0])
            kept = [x for x in labels if x not in event.predecessors]
            labels = kept[:at] + list(event.successors) + kept[at:]
    return labels


def apportion() -> Apportionment:
    """Always computed over the whole country, so `--size small` names units like `full` does."""
    result = Apportionment()
    counts_new = {
        n.slug: sum(len(districts_on_reorg_day(s)) for s in n.sources) for n in NEW_PROVINCES
    }
    result.per_new = largest_remainder(REGIONAL_TOTAL, counts_new)
    for n in NEW_PROVINCES:
        weights = {s: len(districts_on_reorg_day(s)) for s in n.sources}
        result.per_old.update(largest_remainder(result.per_new[n.slug], weights))
    return result
