/**
 * The divisions, units and cadres of a simulated province, laid out the way 建档立卡 data is: about a hundred
 * poor households per village, ten villages per township held by one unit (包村), ten townships per county,
 * and one cadre for every eight households (包户). Codes follow GB/T 2260 so every registration passes.
 */
export interface VillagePlan {
  code: string;
  name: string;
  households: number;
}

export interface TownPlan {
  code: string;
  name: string;
  unitId: string;
  cadreIds: string[];
  villages: VillagePlan[];
}

export interface CountyPlan {
  code: string;
  cityCode: string;
  name: string;
  towns: TownPlan[];
  households: number;
}

export interface ProvincePlan {
  code: string;
  name: string;
  cities: { code: string; name: string }[];
  counties: CountyPlan[];
  households: number;
}

export const HOUSEHOLDS_PER_VILLAGE = 100;
const VILLAGES_PER_TOWN = 10;
const TOWNS_PER_COUNTY = 10;
const COUNTIES_PER_CITY = 9;
const HOUSEHOLDS_PER_CADRE = 8;

const code3 = (n: number) => String(n + 1).padStart(3, '0');
const code2 = (n: number) => String(n + 1).padStart(2, '0');

export function provincePlan(households: number): ProvincePlan {
  const villageCount = Math.ceil(households / HOUSEHOLDS_PER_VILLAGE);
  const villageSizes = Array.from({ length: villageCount }, (_, v) =>
    Math.min(HOUSEHOLDS_PER_VILLAGE, households - v * HOUSEHOLDS_PER_VILLAGE),
  );
  const counties: CountyPlan[] = [];
  const cities: { code: string; name: string }[] = [];
  for (let v = 0; v < villageCount;) {
    const c = counties.length;
    const city = Math.floor(c / COUNTIES_PER_CITY);
    const cityCode = `52${code2(city)}00`;
    if (cities.length === city) cities.push({ code: cityCode, name: `模拟第${city + 1}市` });
    const countyCode = `52${code2(city)}${code2(c % COUNTIES_PER_CITY)}`;
    const towns: TownPlan[] = [];
    for (let t = 0; t < TOWNS_PER_COUNTY && v < villageCount; t++) {
      const townCode = `${countyCode}${code3(t)}`;
      const villages: VillagePlan[] = [];
      for (let k = 0; k < VILLAGES_PER_TOWN && v < villageCount; k++, v++) {
        villages.push({ code: `${townCode}${code3(k)}`, name: `模拟${c + 1}县${t + 1}镇${k + 1}村`, households: villageSizes[v] });
      }
      const townHouseholds = villages.reduce((sum, village) => sum + village.households, 0);
      towns.push({
        code: townCode,
        name: `模拟${c + 1}县${t + 1}镇`,
        unitId: `sim-unit-${townCode}`,
        cadreIds: Array.from({ length: Math.ceil(townHouseholds / HOUSEHOLDS_PER_CADRE) }, (_, i) => `sim-cadre-${townCode}-${code3(i)}`),
        villages,
      });
    }
    counties.push({
      code: countyCode,
      cityCode,
      name: `模拟第${c + 1}县`,
      towns,
      households: towns.reduce((sum, town) => sum + town.villages.reduce((s, village) => s + village.households, 0), 0),
    });
  }
  return { code: '520000', name: '模拟省', cities, counties, households };
}
