import {
  IsEnum,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Tool } from 'parallel-tools';

// Ordinary class-validator DTOs: POST /flights validates its body with them through ValidationPipe,
// and @Tool() lets the model call them too (the schema is read from the same decorators).

/** IATA airport codes: the pattern ends up in the tool's JSON Schema. */
const AIRPORT = /^[A-Z]{3}$/;

export const CABINS = ['economy', 'premium_economy', 'business', 'first'] as const;

@Tool({ name: 'book_flight', description: 'Book a one-way flight (airports as IATA codes)' })
export class BookFlightDto {
  @IsOptional()
  @Matches(AIRPORT)
  originAirport?: string;

  @Matches(AIRPORT)
  destinationAirport!: string;

  @IsISO8601({ strict: true })
  departureDate!: string;

  @IsInt()
  @Min(1)
  @Max(9)
  passengers!: number;

  @IsOptional()
  @IsIn(CABINS)
  cabin?: (typeof CABINS)[number];
}

@Tool({ name: 'book_hotel', description: 'Book a hotel room' })
export class BookHotelDto {
  @IsString()
  @IsNotEmpty()
  city!: string;

  @IsISO8601({ strict: true })
  checkIn!: string;

  @IsInt()
  @Min(1)
  @Max(30)
  nights!: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(8)
  guests?: number;
}

export enum CarCategory {
  Economy = 'economy',
  Compact = 'compact',
  Suv = 'suv',
  Van = 'van',
}

@Tool({ name: 'rent_car', description: 'Rent a car' })
export class RentCarDto {
  @IsString()
  @IsNotEmpty()
  pickUpCity!: string;

  @IsISO8601({ strict: true })
  pickUpDate!: string;

  @IsInt()
  @Min(1)
  @Max(60)
  days!: number;

  @IsOptional()
  @IsEnum(CarCategory)
  category?: CarCategory;
}

/** Every tool the trip planner offers the model, in one request. */
export const TRIP_TOOLS = [BookFlightDto, BookHotelDto, RentCarDto] as const;

/** The body of POST /trips (not a tool: only ValidationPipe reads it). */
export class TripRequestDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  request!: string;
}
