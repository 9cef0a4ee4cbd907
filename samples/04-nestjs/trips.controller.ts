import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { BookFlightDto, TripRequestDto } from './trip.dtos';
import { TripsService, type TripPlan } from './trips.service';

@Controller()
export class TripsController {
  constructor(private readonly trips: TripsService) {}

  /** `{ "request": "fly me to Lisbon on 3 May, a hotel for two nights, and a car" }` → the bookings. */
  @Post('trips')
  @HttpCode(200)
  plan(@Body() body: TripRequestDto): Promise<TripPlan> {
    return this.trips.plan(body.request);
  }

  /** The same DTO as a plain REST body: ValidationPipe answers 400 on bad input. */
  @Post('flights')
  bookFlight(@Body() flight: BookFlightDto): { status: 'booked'; flight: BookFlightDto } {
    return { status: 'booked', flight };
  }
}
