// Lào Cai's agency directory: the common provincial agencies plus the names Lào Cai's plans
// print, so imported cells normalise to one name per agency.
import { PROVINCIAL_AGENCIES, type Agency } from '@dondoc/shared';

const agency = (name: string, aliases: string[] = [], collective = false): Agency => ({ name, aliases, collective });

export const LAO_CAI_AGENCIES: Agency[] = [
  ...PROVINCIAL_AGENCIES,
  agency('Trường Cao đẳng Lào Cai', ['Trường CD Lào Cai', 'Trường CĐ Lào Cai']),
  agency('Trường Cao đẳng nghề Yên Bái', ['Trường CD nghề Yên Bái', 'Trường CĐ nghề Yên Bái']),
  agency('Phân hiệu Đại học Thái Nguyên tại Lào Cai', ['Phân hiệu ĐH Thái Nguyên']),
  agency('Hiệp hội Doanh nghiệp tỉnh', ['Hiệp hội doanh nghiệp']),
  agency('Hiệp hội Khoa học kỹ thuật tỉnh Lào Cai', ['Hiệp hội khoa học kỹ thuật tỉnh Lào Cai']),
  agency('Ban Quản lý khu kinh tế tỉnh', ['Ban Quản lý khu kinh tế']),
  agency('Doanh nghiệp viễn thông', ['Các doanh nghiệp viễn thông', 'các doanh nghiệp viễn thông'], true),
  agency('Các tổ chức đoàn thể', ['các tổ chức đoàn thể'], true),
];
