"""The words of the demo's plans, reports and pledges, in the style of the sector's own documents
(seeds 001 and 002)."""

BASIS = (
    "Căn cứ Luật Thi đua, khen thưởng năm 2022; Nghị định số 98/2023/NĐ-CP của Chính phủ quy định "
    "chi tiết thi hành một số điều của Luật Thi đua, khen thưởng; Thông tư số 02/2024/TT-VKSTC của "
    "Viện trưởng Viện kiểm sát nhân dân tối cao quy định công tác thi đua, khen thưởng trong ngành "
    "Kiểm sát nhân dân; Chỉ thị công tác năm {year} của Viện trưởng Viện kiểm sát nhân dân tối cao."
)
PURPOSE = (
    "Quán triệt sâu sắc Lời kêu gọi thi đua ái quốc của Chủ tịch Hồ Chí Minh; khơi dậy khát vọng "
    "cống hiến, tinh thần đoàn kết, chủ động, sáng tạo của cán bộ, công chức, viên chức và người "
    "lao "
    "động ngành Kiểm sát nhân dân.\n"
    "Hướng phong trào thi đua vào thực hiện các khâu đột phá, giải quyết các nhiệm vụ trọng tâm, "
    "thực hiện đạt và vượt các chỉ tiêu, nhiệm vụ công tác năm {year}."
)
REQUIREMENTS = (
    "Phong trào thi đua được triển khai sâu rộng, thiết thực, hiệu quả, tránh hình thức; gắn với "
    "việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.\n"
    "Kịp thời phát hiện, biểu dương, khen thưởng và nhân rộng điển hình tiên tiến, gương người "
    "tốt, "
    "việc tốt, cách làm hay."
)
SUBJECTS = (
    "Các tập thể, cá nhân trong ngành Kiểm sát nhân dân: các đơn vị thuộc Viện kiểm sát nhân dân "
    "tối cao, Viện kiểm sát nhân dân cấp tỉnh, Viện kiểm sát nhân dân khu vực và toàn thể cán bộ, "
    "công chức, viên chức, người lao động."
)
CONTENTS = (
    "1. Thi đua thực hiện tốt chức năng thực hành quyền công tố và kiểm sát hoạt động tư pháp; "
    "không để xảy ra oan, sai, bỏ lọt tội phạm.\n"
    "2. Thi đua tăng cường trách nhiệm công tố trong hoạt động điều tra, gắn công tố với hoạt động "
    "điều tra; nâng cao chất lượng kháng nghị, kiến nghị.\n"
    "3. Thi đua đẩy mạnh cải cách hành chính, ứng dụng công nghệ thông tin và chuyển đổi số trong "
    "công tác kiểm sát.\n"
    "4. Thi đua xây dựng đội ngũ cán bộ Kiểm sát “Vững về chính trị, giỏi về nghiệp vụ, tinh thông "
    "về pháp luật, công tâm và bản lĩnh, kỷ cương và trách nhiệm”.\n"
    "5. Thi đua thực hành tiết kiệm, chống lãng phí; phòng, chống tham nhũng, tiêu cực."
)
SOLUTIONS = (
    "Đẩy mạnh tuyên truyền bằng nhiều hình thức phong phú trên Báo Bảo vệ pháp luật, Tạp chí Kiểm "
    "sát và trang thông tin điện tử của các đơn vị.\n"
    "Thủ trưởng các đơn vị căn cứ tình hình thực tế xây dựng kế hoạch, đăng ký thi đua và tổ chức "
    "sơ kết, tổng kết kịp thời; các cụm, khối thi đua ký kết giao ước thi đua và chấm điểm, xếp "
    "hạng "
    "theo bảng chấm điểm của cụm, khối."
)
CRITERIA = (
    "Hoàn thành xuất sắc các chỉ tiêu, nhiệm vụ công tác năm được giao; có sáng kiến, giải pháp "
    "được áp dụng hiệu quả; nội bộ đoàn kết, không có cán bộ vi phạm kỷ luật."
)
AWARD_FORMS = (
    "Cờ thi đua của Chính phủ\nCờ thi đua ngành Kiểm sát nhân dân\nChiến sĩ thi đua ngành Kiểm "
    "sát nhân dân\nBằng khen của Thủ tướng Chính phủ\nBằng khen của Viện trưởng Viện kiểm sát "
    "nhân dân tối cao\nTập thể lao động xuất sắc, Chiến sĩ thi đua cơ sở"
)
ORGANISATION = (
    "Văn phòng Viện kiểm sát nhân dân tối cao (Phòng Thi đua - Khen thưởng) hướng dẫn, theo dõi, "
    "đôn đốc; tổng hợp kết quả báo cáo Hội đồng Thi đua - Khen thưởng ngành Kiểm sát nhân dân."
)
THEMES = {
    2025: (
        "Đoàn kết, kỷ cương, đổi mới, sáng tạo, hoàn thành xuất sắc nhiệm vụ năm 2025",
        "Đoàn kết, đổi mới - Trách nhiệm, kỷ cương - Thực chất, hiệu quả",
    ),
    2026: (
        "Đoàn kết, tinh gọn, hiệu lực, hiệu quả, hoàn thành xuất sắc nhiệm vụ năm 2026",
        "Kỷ cương, trách nhiệm - Chủ động, sáng tạo - Thực chất, hiệu quả",
    ),
}
PLAN_PURPOSE = (
    "Triển khai sâu rộng phong trào thi đua của ngành tới toàn thể cán bộ, công chức, người lao "
    "động của {unit}; gắn phong trào với nhiệm vụ chính trị của đơn vị."
)
PLAN_CONTENTS = (
    "1. Thi đua hoàn thành xuất sắc các chỉ tiêu nghiệp vụ; không để xảy ra oan, sai, bỏ lọt tội "
    "phạm.\n2. Thi đua cải cách hành chính, chuyển đổi số.\n3. Thi đua xây dựng đơn vị trong sạch, "
    "vững mạnh; thực hiện văn hóa công sở."
)
PLAN_ORGANISATION = (
    "Văn phòng (bộ phận tổng hợp) theo dõi, đôn đốc việc thực hiện Kế hoạch, tham mưu sơ kết, tổng "
    "kết; các đơn vị đăng ký thi đua đúng thời hạn."
)
PLEDGE = (
    "Các đơn vị thành viên {cluster} thống nhất ký kết giao ước thi đua năm {year} với các nội "
    "dung:\n"
    "1. Thực hiện đạt và vượt các chỉ tiêu, nhiệm vụ công tác kiểm sát theo Nghị quyết của Quốc "
    "hội "
    "và Chỉ thị công tác của ngành.\n"
    "2. Không để xảy ra oan, sai, bỏ lọt tội phạm; không có cán bộ vi phạm kỷ luật.\n"
    "3. Đẩy mạnh ứng dụng công nghệ thông tin, chuyển đổi số; mỗi đơn vị có ít nhất một sáng "
    "kiến.\n"
    "4. Chấm điểm, xếp hạng thi đua công khai, khách quan theo bảng chấm điểm của cụm, khối."
)
RETURN_REASON = "Thiếu bản cam kết của tập thể và danh sách cá nhân chưa khớp với biên chế"
