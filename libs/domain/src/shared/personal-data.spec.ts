import { isValidIdNumber, maskIdNumber, maskPersonalData, maskPhone } from './personal-data';

describe('personal data', () => {
  it('accepts ID numbers with a correct GB 11643 check character and a real birth date', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('440524188001010014')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false); // wrong check character
    expect(isValidIdNumber('110105194902300028')).toBe(false); // 30 February
    expect(isValidIdNumber('11010519491231002x')).toBe(false); // lower-case x
    expect(isValidIdNumber('1101051949123100')).toBe(false);
  });

  it('masks ID and phone numbers the way every view shows them', () => {
    expect(maskIdNumber('22022119900101123X')).toBe('220221********123X');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0433-1234')).toBe('043*1234');
    expect(maskPhone('12345')).toBe('*****');
  });

  it('masks personal fields at any depth and counts them', () => {
    const { masked, count } = maskPersonalData({
      head: { name: '张三', idNumber: '22022119900101123X', phone: '13812345678' },
      members: [{ name: '李四', memberIdNumber: '11010519491231002X' }],
      note: '身份证号 is a key, not this text',
    });
    expect(count).toBe(3);
    expect(masked).toEqual({
      head: { name: '张三', idNumber: '220221********123X', phone: '138****5678' },
      members: [{ name: '李四', memberIdNumber: '110105********002X' }],
      note: '身份证号 is a key, not this text',
    });
  });
});
