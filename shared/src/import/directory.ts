// Agencies every Vietnamese province has (after the 2025 restructuring), with the short
// forms plans print; a province's template plugin extends this with its own names.
import type { Agency } from '../model.ts';

const agency = (name: string, aliases: string[] = [], collective = false): Agency => ({ name, aliases, collective });

export const PROVINCIAL_AGENCIES: readonly Agency[] = [
  agency('Sở Khoa học và Công nghệ', ['Sở KH&CN', 'Sở KHCN', 'SKHCN']),
  agency('Sở Nội vụ', ['SNV']),
  agency('Sở Tư pháp', ['STP']),
  agency('Sở Tài chính', ['STC']),
  agency('Sở Công Thương', ['Sở Công thương', 'SCT']),
  agency('Sở Nông nghiệp và Môi trường', ['Sở NN&MT', 'Sở NNMT', 'Sở Nông nghiệp và Môi trường tỉnh']),
  agency('Sở Xây dựng', ['SXD']),
  agency('Sở Giáo dục và Đào tạo', ['Sở GD&ĐT', 'Sở GDĐT']),
  agency('Sở Y tế', ['SYT']),
  agency('Sở Văn hóa, Thể thao và Du lịch', ['Sở Văn hoá, Thể thao và Du lịch', 'Sở VHTTDL', 'Sở VH,TT&DL']),
  agency('Sở Dân tộc và Tôn giáo', ['Sở DT&TG']),
  agency('Sở Ngoại vụ'),
  agency('Thanh tra tỉnh', ['Thanh tra Tỉnh']),
  agency('Văn phòng Ủy ban nhân dân tỉnh', ['Văn phòng UBND tỉnh', 'VP UBND tỉnh', 'Văn phòng UBND', 'Văn phòng Uỷ ban nhân dân tỉnh']),
  agency('Công an tỉnh', ['CA tỉnh']),
  agency('Bộ Chỉ huy Quân sự tỉnh', ['BCH Quân sự tỉnh']),
  agency('Ngân hàng Nhà nước', ['NHNN', 'Ngân hàng Nhà nước chi nhánh tỉnh', 'Ngân hàng Nhà nước Khu vực']),
  agency('Kho bạc Nhà nước', ['Kho bạc', 'KBNN']),
  agency('Bảo hiểm xã hội tỉnh', ['BHXH tỉnh', 'Bảo hiểm xã hội']),
  agency('Trung tâm Phục vụ hành chính công tỉnh', ['Trung tâm PVHCC tỉnh', 'Trung tâm Phục vụ HCC tỉnh', 'Trung tâm Phục vụ hành chính công', 'Trung tâm PVHCC']),
  agency('Văn phòng Tỉnh ủy', ['Văn phòng Tỉnh uỷ', 'VP Tỉnh ủy']),
  agency('Ban Tổ chức Tỉnh ủy', ['Ban Tổ chức Tỉnh uỷ']),
  agency('Tỉnh đoàn', ['Tỉnh Đoàn']),
  agency('Tòa án nhân dân tỉnh', ['Toà án nhân dân tỉnh', 'TAND tỉnh']),
  agency('Viện kiểm sát nhân dân tỉnh', ['VKSND tỉnh']),
  agency('Thuế tỉnh', ['Cục Thuế tỉnh']),
  agency('Thống kê tỉnh', ['Cục Thống kê tỉnh']),
  agency('Các sở, ban, ngành', ['Các Sở, ban, ngành', 'Các sở ban ngành', 'Các sở, ban ngành', 'Các Sở, ban ngành', 'Sở, ban, ngành'], true),
  agency('Các sở, ngành, địa phương', ['Các Sở, ngành, địa phương', 'Các sở ngành địa phương', 'Các Sở, ban, ngành, địa phương', 'Các sở, ban, ngành, địa phương'], true),
  agency('Các sở, ngành', ['Các Sở, ngành', 'Các sở ngành'], true),
  agency('Ủy ban nhân dân các xã, phường', ['UBND các xã, phường', 'UBND cấp xã', 'Ủy ban nhân dân cấp xã', 'Uỷ ban nhân dân các xã, phường', 'UBND các xã', 'Ủy ban nhân dân các xã', 'UBND xã, phường', 'UBND các xã, phường, thị trấn'], true),
  // Districts were abolished in July 2025, but plans written before then still give them tasks.
  agency('Ủy ban nhân dân cấp huyện', ['UBND cấp huyện', 'UBND các huyện', 'Ủy ban nhân dân các huyện', 'UBND các huyện, thị xã, thành phố'], true),
  agency('Các cơ quan liên quan', ['các cơ quan liên quan', 'Các cơ quan, đơn vị có liên quan', 'Các cơ quan, đơn vị liên quan', 'Các đơn vị liên quan', 'các đơn vị liên quan', 'Các cơ quan có liên quan', 'Các sở ngành liên quan', 'các sở ngành liên quan', 'Các sở, ngành liên quan', 'Các sở, ban, ngành liên quan'], true),
];
