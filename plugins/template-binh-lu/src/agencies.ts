// Bình Lư's agency directory: the commune's own offices as its plan prints them, after the
// provincial ones so "Trung tâm Phục vụ hành chính công" means the commune's centre here.
import { PROVINCIAL_AGENCIES, type Agency } from '@dondoc/shared';

const agency = (name: string, aliases: string[] = [], collective = false): Agency => ({ name, aliases, collective });

export const BINH_LU_AGENCIES: Agency[] = [
  ...PROVINCIAL_AGENCIES,
  agency('Phòng Văn hóa - Xã hội', ['Phòng Văn hóa – Xã hội', 'Phòng Văn hoá - Xã hội', 'Phòng VH-XH']),
  agency('Phòng Kinh tế', ['Phòng KT']),
  agency('Văn phòng HĐND và UBND xã', ['VP HĐND-UBND xã', 'Văn phòng HĐND-UBND xã', 'VP HĐND và UBND xã']),
  agency('Trung tâm Phục vụ hành chính công xã', ['Trung tâm Phục vụ hành chính công', 'Trung tâm PVHCC xã']),
  agency('Trung tâm Văn hóa, Thể thao và Truyền thông xã Bình Lư', [
    'Trung tâm văn hóa, thể thao và truyền thông',
    'Trung tâm văn hóa, thể thao và truyền thông xã',
    'Trung tâm Văn hoá, Thể thao và Truyền thông Bình Lư',
  ]),
  // Several bodies at once: real values, not one named agency.
  agency('Các phòng chuyên môn thuộc UBND xã', ['Các Phòng chuyên môn UBND xã', 'Các phòng chuyên môn UBND xã'], true),
  agency('Các cơ quan, đơn vị', ['Các cơ quan, đơn vị, đoàn thể xã'], true),
  agency('Doanh nghiệp viễn thông', ['Các doanh nghiệp viễn thông'], true),
];
