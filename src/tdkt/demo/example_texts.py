"""The words of the demo's exemplary models (điển hình tiên tiến), in the style of the sector's
own reports (seeds 000, 002, 003): a few paragraphs for each kind and era, combined from the seed.
Placeholders: {name} the person or collective, {unit} the unit, {year} the year, {n}, {m}, {p}
numbers drawn for the story."""

COVID_MOVEMENT = (
    "Phong trào thi đua đặc biệt “Cả nước đoàn kết, chung sức, đồng lòng thi đua phòng, chống và "
    "chiến thắng đại dịch COVID-19”"
)
COVID_THEME = "Vừa phòng, chống dịch hiệu quả, vừa hoàn thành tốt nhiệm vụ chính trị của Ngành"
COVID_PURPOSE = (
    "Phát huy tinh thần yêu nước, đại đoàn kết, tương thân tương ái; động viên cán bộ, công chức "
    "và người lao động ngành Kiểm sát nhân dân tích cực tham gia phòng, chống đại dịch COVID-19, "
    "đồng thời hoàn thành xuất sắc nhiệm vụ được giao.\n"
    "Biểu dương, khen thưởng kịp thời các điển hình tiên tiến, gương người tốt, việc tốt, các mô "
    "hình tiêu biểu, cách làm hay trong phòng, chống dịch."
)
COVID_CONTENTS = (
    "1. Thi đua thực hiện nghiêm các biện pháp phòng, chống dịch (5K), bảo đảm an toàn cho cán "
    "bộ và người dân đến làm việc.\n"
    "2. Thi đua đổi mới cách làm: họp, tập huấn, xét xử trực tuyến; giải quyết án đúng thời hạn "
    "trong điều kiện giãn cách.\n"
    "3. Thi đua ủng hộ Quỹ vắc-xin phòng COVID-19, hỗ trợ các khu cách ly, người dân gặp khó khăn."
)

PERSON_TITLES = (
    "{name}: tận tụy, bản lĩnh nơi phiên tòa",
    "{name}: người Kiểm sát viên “giữ lửa” nghề",
    "{name}: nắm chắc pháp luật, công tâm với từng vụ án",
    "{name}: gương sáng trong học tập và làm theo lời Bác",
)
PERSON_OPENINGS = (
    "Hơn {n} năm công tác tại {unit}, đồng chí {name} luôn được đồng nghiệp quý mến bởi sự tận "
    "tụy, nghiêm túc và tinh thần cầu thị. Đồng chí coi mỗi hồ sơ là một số phận, nên không để "
    "một chi tiết nào bị bỏ qua.",
    "Đồng chí {name} về công tác tại {unit} từ những ngày đầu thành lập đơn vị. Bằng sự kiên trì "
    "và ham học hỏi, đồng chí nhanh chóng trở thành chỗ dựa chuyên môn của cả tập thể.",
    "Nhắc đến {name}, cán bộ {unit} nghĩ ngay tới một người làm việc đến nơi đến chốn, sẵn sàng "
    "nhận những vụ việc khó, phức tạp nhất.",
)
PERSON_WORK_2025 = (
    "Năm {year}, đồng chí trực tiếp thụ lý, giải quyết {m} vụ án hình sự, trong đó có nhiều vụ "
    "án ma túy, tham nhũng phức tạp; 100% vụ án truy tố đúng thời hạn, không có vụ án nào bị hủy, "
    "sửa do lỗi chủ quan. Đồng chí tham gia {p} phiên tòa rút kinh nghiệm, được Hội đồng xét xử "
    "và luật sư đánh giá cao về bản lĩnh tranh tụng.",
    "Trong năm {year}, đồng chí kiểm sát {m} tin báo, tố giác về tội phạm và {p} vụ việc dân sự, "
    "hành chính; ban hành nhiều kiến nghị phòng ngừa vi phạm được cơ quan hữu quan tiếp thu. Đồng "
    "chí có sáng kiến về ứng dụng công nghệ thông tin trong theo dõi án, được áp dụng tại nhiều "
    "đơn vị.",
    "Năm {year}, giữa lúc đơn vị vừa sắp xếp lại theo mô hình mới, đồng chí vừa bàn giao, tiếp "
    "nhận hồ sơ từ các đơn vị cũ, vừa bảo đảm tiến độ giải quyết {m} vụ án, không để tồn đọng, "
    "quá hạn.",
)
PERSON_WORK_COVID = (
    "Trong những tháng giãn cách năm {year}, đồng chí tình nguyện ở lại trực cơ quan, kiểm sát "
    "chặt chẽ việc tạm giữ, tạm giam tại các cơ sở giam giữ trong vùng phong tỏa, bảo đảm không "
    "để lây nhiễm chéo và không để quá hạn tạm giam.",
    "Năm {year}, đồng chí tham gia tổ công tác hỗ trợ khu cách ly tập trung {n} ngày đêm, đồng "
    "thời vẫn bảo đảm giải quyết {m} vụ án đúng thời hạn; chủ động đề xuất xét xử trực tuyến "
    "nhiều vụ án hình sự để tránh tập trung đông người.",
    "Khi dịch bùng phát năm {year}, đồng chí vận động cán bộ đơn vị ủng hộ Quỹ vắc-xin phòng "
    "COVID-19, trực tiếp mang nhu yếu phẩm tới các gia đình khó khăn trên địa bàn.",
)
PERSON_CLOSINGS = (
    "Với những đóng góp đó, đồng chí được tặng thưởng nhiều hình thức khen thưởng; câu chuyện của "
    "đồng chí được giới thiệu để cán bộ toàn ngành học tập, noi theo.",
    "Đồng chí luôn khiêm tốn: “Mình chỉ làm đúng trách nhiệm của người cán bộ Kiểm sát”. Chính "
    "sự giản dị ấy làm nên sức lan tỏa của tấm gương.",
)

COLLECTIVE_TITLES = (
    "{name}: tập thể đoàn kết, dẫn đầu phong trào thi đua năm {year}",
    "{name}: “Vững về chính trị, giỏi về nghiệp vụ”",
    "{name}: đơn vị tiêu biểu trong phòng, chống dịch COVID-19",
)
COLLECTIVE_STORIES = (
    "Năm {year}, {name} hoàn thành vượt mức các chỉ tiêu nghiệp vụ theo Nghị quyết của Quốc hội: "
    "tỷ lệ giải quyết tin báo, tố giác tội phạm đạt {p}%, không có oan, sai, bỏ lọt tội phạm.",
    "Tập thể {name} có {n} cán bộ, trong đó nhiều Kiểm sát viên trẻ. Lãnh đạo đơn vị chú trọng "
    "kèm cặp, tổ chức {m} phiên tòa rút kinh nghiệm trong năm, nâng rõ chất lượng tranh tụng.",
    "Đơn vị đẩy mạnh chuyển đổi số: 100% hồ sơ kiểm sát được số hóa, văn bản điều hành trao đổi "
    "trên môi trường mạng; giao ban trực tuyến với các đơn vị trực thuộc hằng tuần.",
    "Nội bộ {name} đoàn kết, không có cán bộ vi phạm kỷ luật; phong trào văn hóa, thể thao, nhân "
    "đạo từ thiện được duy trì thường xuyên.",
)
COLLECTIVE_COVID = (
    "Trong năm {year}, {name} vừa thực hiện nghiêm các biện pháp phòng dịch, vừa bảo đảm hoạt động "
    "kiểm sát không bị gián đoạn: tổ chức làm việc luân phiên, xét xử trực tuyến {m} vụ án, không "
    "có cán bộ nào lây nhiễm trong khi làm nhiệm vụ.",
    "Cán bộ {name} ủng hộ Quỹ vắc-xin phòng COVID-19 và các khu cách ly trên địa bàn; {n} lượt "
    "đoàn viên tham gia trực chốt kiểm soát dịch cùng chính quyền địa phương.",
)

MODELS = (
    (
        "Phòng tiếp công dân thân thiện",
        "Đơn vị bố trí phòng tiếp công dân riêng, có bảng niêm yết quy trình, số điện thoại đường "
        "dây nóng và hộp thư góp ý; mỗi lượt tiếp dân được ghi sổ, theo dõi đến khi trả lời.",
    ),
    (
        "Số hóa hồ sơ kiểm sát và sổ thụ lý điện tử",
        "Toàn bộ hồ sơ kiểm sát được quét, lưu trữ điện tử và tra cứu theo số thụ lý; lãnh đạo "
        "đơn vị theo dõi thời hạn của từng vụ án trên màn hình, nhắc việc tự động trước hạn.",
    ),
    (
        "Phiên tòa rút kinh nghiệm trực tuyến",
        "Các phiên tòa rút kinh nghiệm được truyền trực tuyến tới các đơn vị trực thuộc; sau mỗi "
        "phiên, Kiểm sát viên các đơn vị cùng nhận xét, rút kinh nghiệm về kỹ năng xét hỏi, tranh "
        "luận.",
    ),
    (
        "Cẩm nang nghiệp vụ điện tử cho Kiểm sát viên trẻ",
        "Tập hợp các văn bản hướng dẫn, mẫu biểu, bản án điển hình và câu hỏi thường gặp thành "
        "cẩm nang tra cứu trên điện thoại, cập nhật hằng tháng.",
    ),
    (
        "Kiểm sát viên đồng hành cùng trẻ em là bị hại",
        "Mỗi vụ án có bị hại là người dưới 18 tuổi được giao một Kiểm sát viên theo dõi từ khi "
        "tiếp nhận tin báo đến khi xét xử, phối hợp với gia đình, nhà trường và cơ quan lao động "
        "- thương binh và xã hội.",
    ),
)
MODELS_COVID = (
    (
        "Tổ kiểm sát lưu động trong vùng phong tỏa",
        "Tổ công tác gồm Kiểm sát viên và chuyên viên được bố trí ở lại địa bàn phong tỏa, kiểm "
        "sát trực tiếp việc tạm giữ, tạm giam và giải quyết tin báo, bảo đảm không để quá hạn.",
    ),
    (
        "Xét xử trực tuyến án hình sự trong thời gian giãn cách",
        "Phối hợp với Tòa án và trại tạm giam tổ chức phiên tòa trực tuyến: bị cáo tham gia từ "
        "trại tạm giam, Kiểm sát viên thực hành quyền công tố tại điểm cầu trung tâm.",
    ),
    (
        "Bếp ăn nghĩa tình hỗ trợ khu cách ly",
        "Cán bộ, đoàn viên thay phiên nấu ăn, gửi suất ăn tới các khu cách ly tập trung và người "
        "lao động mắc kẹt trong thời gian giãn cách.",
    ),
)
MODEL_RESULTS = (
    "Sau {n} tháng áp dụng, thời gian giải quyết công việc rút ngắn rõ rệt; không có khiếu nại "
    "về thái độ, tác phong của cán bộ.",
    "Mô hình được {m} đơn vị trong và ngoài tỉnh đến học tập; Viện kiểm sát cấp trên đánh giá là "
    "cách làm hay cần nhân rộng.",
    "Kết quả: {p}% công việc được hoàn thành trước thời hạn; cán bộ trẻ tự tin hơn khi tham gia "
    "phiên tòa.",
)

SUMMARIES = {
    "person": "Nhiều năm liền hoàn thành xuất sắc nhiệm vụ; {award}.",
    "collective": "Tập thể hoàn thành xuất sắc nhiệm vụ, nội bộ đoàn kết; {award}.",
    "model": "Cách làm hay của {unit}, được cấp trên đánh giá cao và đề nghị nhân rộng.",
}

PHOTOS = {
    "hoi_nghi": (
        "Hội nghị biểu dương điển hình tiên tiến",
        "Hội trường với băng rôn đỏ và bục phát biểu",
    ),
    "tru_so": ("Trụ sở đơn vị", "Tòa nhà trụ sở có cột cờ và lá cờ đỏ sao vàng"),
    "tap_huan": ("Buổi tập huấn nghiệp vụ", "Lớp tập huấn, màn chiếu biểu đồ và cán bộ ngồi nghe"),
    "trao_thuong": ("Trao tặng Bằng khen", "Sân khấu, cán bộ đứng hàng ngang cầm Bằng khen"),
    "chong_dich": (
        "Cán bộ tham gia phòng, chống dịch",
        "Cán bộ đeo khẩu trang trước lều kiểm soát dịch",
    ),
    "phien_toa": (
        "Phiên tòa rút kinh nghiệm",
        "Phòng xử án với bàn Hội đồng xét xử và Kiểm sát viên",
    ),
    "tiep_dan": ("Phòng tiếp công dân", "Cán bộ tiếp công dân tại bàn tiếp dân"),
}

SPREAD_NOTES = {
    "hoi_nghi": "Giới thiệu tại hội nghị sơ kết, tổng kết phong trào thi đua",
    "tap_huan": "Báo cáo chuyên đề tại lớp tập huấn nghiệp vụ",
    "bai_viet": "Bài viết đăng trên Báo Bảo vệ pháp luật và trang thông tin điện tử của đơn vị",
    "tham_quan": "Đoàn cán bộ đến tham quan, học tập kinh nghiệm",
    "van_ban": "Công văn hướng dẫn các đơn vị trực thuộc nghiên cứu, áp dụng",
}
SPREAD_RESULTS = (
    "Đơn vị đã xây dựng kế hoạch áp dụng tại đơn vị mình",
    "Áp dụng thí điểm, bước đầu có hiệu quả",
    "Cán bộ đơn vị đăng ký học tập, làm theo",
    "",
)
RETURN_REASON = "Đề nghị bổ sung số liệu cụ thể về kết quả công tác và thay ảnh rõ nét hơn"
UNPUBLISH_REASON = (
    "Ảnh đăng kèm có hình người dân chưa được đồng ý, cần thay ảnh khác trước khi đăng lại"
)
