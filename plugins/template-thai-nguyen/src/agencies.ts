// Thái Nguyên's agency directory: the common provincial agencies plus the names KH 44
// prints (short forms, the Party bodies, the province's own institutions), so those cells
// normalise instead of warning.
import { PROVINCIAL_AGENCIES, type Agency } from '@dondoc/shared';

const agency = (name: string, aliases: string[] = [], collective = false): Agency => ({ name, aliases, collective });

export const THAI_NGUYEN_AGENCIES: Agency[] = [
  ...PROVINCIAL_AGENCIES,
  agency('Trung tâm Phục vụ hành chính công tỉnh', ['Trung tâm PV HCC tỉnh', 'Trung tâm PVHCC tỉnh', 'Trung tâm Phục vụ hành chính công']),
  agency('Bộ Chỉ huy Quân sự tỉnh', ['Bộ CHQS tỉnh', 'BCH Quân sự tỉnh']),
  agency('Thống kê tỉnh', ['Thống kê tỉnh Thái Nguyên']),
  agency('Ban Quản lý các khu công nghiệp Thái Nguyên', ['Ban Quản lý các KCN Thái Nguyên', 'Ban Quản lý các KCN tỉnh']),
  agency('Đại học Thái Nguyên', ['ĐH Thái Nguyên']),
  // Several bodies at once: real values, not one named agency.
  agency('Chủ tịch Ủy ban nhân dân các xã, phường', ['Chủ tịch UBND cấp xã', 'Chủ tịch UBND các xã, phường'], true),
  agency('Các cơ quan đảng tỉnh', ['các cơ quan đảng tỉnh', 'Các cơ quan Đảng tỉnh'], true),
  agency('Doanh nghiệp viễn thông', ['Các doanh nghiệp viễn thông', 'các doanh nghiệp viễn thông'], true),
];
